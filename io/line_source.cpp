#include "io/line_source.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>
#include <zlib.h>

#include <cerrno>
#include <cstring>
#include <future>
#include <new>
#include <vector>

#include "engine/error.hpp"

namespace peerscout::io {

namespace {

constexpr std::size_t kInflateInput = std::size_t{1} << 20;
// Bytes allocated past a buffer's capacity: the '\n' sentinel plus room for parsers' 8-byte loads.
constexpr std::size_t kPad = 64;

class Fd {
 public:
  explicit Fd(int fd = -1) : fd_(fd) {}
  ~Fd() {
    if (fd_ >= 0) ::close(fd_);
  }
  Fd(const Fd&) = delete;
  Fd& operator=(const Fd&) = delete;
  int get() const noexcept { return fd_; }
  void reset(int fd) noexcept {
    if (fd_ >= 0) ::close(fd_);
    fd_ = fd;
  }

 private:
  int fd_;
};

struct Buffer {
  std::unique_ptr<char[]> data;
  std::size_t capacity = 0;  // usable bytes; kPad more are allocated (sentinel + 8-byte loads)
  std::size_t size = 0;      // valid bytes
  std::size_t lines_end = 0; // end of the whole lines delivered
  void reserve(std::size_t cap) {
    if (cap <= capacity) return;
    std::unique_ptr<char[]> d(new char[cap + kPad]);
    std::memset(d.get() + cap, 0, kPad);
    if (size > 0) std::memcpy(d.get(), data.get(), size);
    data = std::move(d);
    capacity = cap;
  }
};

}  // namespace

struct LineSource::Impl {
  std::string name;
  Options opts;
  Fd fd;
  std::uint64_t file_size = 0;
  bool gzip = false;
  // raw input state
  bool raw_eof = false;
  // zlib state
  z_stream zs{};
  bool zs_init = false;
  bool member_done = false;
  std::vector<unsigned char> zin;
  // blocks
  Buffer buf[2];
  int current = -1;      // index of the block handed out last
  bool producing = false;
  bool at_end = false;   // the last block has been handed out
  std::future<bool> pending;  // result: true when the produced block is the last one
  std::uint64_t delivered = 0;

  Impl(const std::filesystem::path& path, Options o) : name(path.string()), opts(o) {
    if (opts.block_bytes == 0) opts.block_bytes = 1;
    const int f = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (f < 0) throw InputError(name, 0, std::string("cannot open: ") + std::strerror(errno));
    fd.reset(f);
    struct stat st{};
    if (::fstat(f, &st) != 0) throw InputError(name, 0, std::string("cannot open: ") + std::strerror(errno));
    if (S_ISDIR(st.st_mode)) throw InputError(name, 0, std::string("cannot open: ") + std::strerror(EISDIR));
    file_size = static_cast<std::uint64_t>(st.st_size);
    ::posix_fadvise(f, 0, 0, POSIX_FADV_SEQUENTIAL);
    unsigned char magic[2] = {0, 0};
    const ssize_t got = ::pread(f, magic, 2, 0);
    if (got < 0) throw InputError(name, 0, std::string("cannot read: ") + std::strerror(errno));
    gzip = got == 2 && magic[0] == 0x1f && magic[1] == 0x8b;
    if (gzip) {
      if (inflateInit2(&zs, 15 + 16) != Z_OK) throw std::bad_alloc();
      zs_init = true;
      zin.resize(kInflateInput);
    }
  }

  ~Impl() {
    if (pending.valid()) {
      try {
        pending.wait();
      } catch (...) {
      }
    }
    if (zs_init) inflateEnd(&zs);
  }

  // Reads up to n raw bytes; returns 0 at end of file.
  std::size_t read_raw(char* dst, std::size_t n) {
    std::size_t total = 0;
    while (total < n && !raw_eof) {
      const ssize_t r = ::read(fd.get(), dst + total, n - total);
      if (r < 0) {
        if (errno == EINTR) continue;
        throw InputError(name, 0, std::string("cannot read: ") + std::strerror(errno));
      }
      if (r == 0) {
        raw_eof = true;
        break;
      }
      total += static_cast<std::size_t>(r);
    }
    return total;
  }

  [[noreturn]] void gzip_error(const char* reason) {
    throw InputError(name, 0, std::string("not a valid gzip stream (") + reason + ")");
  }

  // Inflates up to n bytes; returns 0 at the end of the (last) gzip member.
  std::size_t read_gzip(char* dst, std::size_t n) {
    zs.next_out = reinterpret_cast<Bytef*>(dst);
    zs.avail_out = static_cast<uInt>(n);
    while (zs.avail_out > 0) {
      if (member_done) {
        // Another member follows? Otherwise (end of file or trailing garbage) stop.
        if (zs.avail_in < 2) {
          if (zs.avail_in == 1) zin[0] = *zs.next_in;
          const std::size_t keep = zs.avail_in;
          const std::size_t r = read_raw(reinterpret_cast<char*>(zin.data()) + keep, zin.size() - keep);
          zs.next_in = zin.data();
          zs.avail_in = static_cast<uInt>(keep + r);
        }
        if (zs.avail_in >= 2 && zs.next_in[0] == 0x1f && zs.next_in[1] == 0x8b) {
          inflateReset(&zs);
          member_done = false;
        } else {
          break;
        }
      }
      if (zs.avail_in == 0) {
        const std::size_t r = read_raw(reinterpret_cast<char*>(zin.data()), zin.size());
        zs.next_in = zin.data();
        zs.avail_in = static_cast<uInt>(r);
        if (r == 0) gzip_error("unexpected end of file");
      }
      const int rc = inflate(&zs, Z_NO_FLUSH);
      if (rc == Z_STREAM_END) {
        member_done = true;
      } else if (rc == Z_MEM_ERROR) {
        throw std::bad_alloc();
      } else if (rc != Z_OK && rc != Z_BUF_ERROR) {
        gzip_error(zs.msg ? zs.msg : "corrupt data");
      }
    }
    return n - zs.avail_out;
  }

  std::size_t read_text(char* dst, std::size_t n) { return gzip ? read_gzip(dst, n) : read_raw(dst, n); }

  // Fills b: carry bytes + new text, cut after the last newline. Returns true at the end of file.
  bool produce(Buffer& b, const char* carry, std::size_t carry_len) {
    b.size = 0;
    b.reserve(std::max(opts.block_bytes, carry_len + 1));
    if (carry_len > 0) std::memcpy(b.data.get(), carry, carry_len);
    b.size = carry_len;
    std::size_t scanned = carry_len;  // carry has no newline
    bool eof = false;
    while (true) {
      while (b.size < b.capacity) {
        const std::size_t r = read_text(b.data.get() + b.size, b.capacity - b.size);
        if (r == 0) {
          eof = true;
          break;
        }
        b.size += r;
      }
      if (eof) {
        b.lines_end = b.size;
        if (b.size > 0 && b.data[b.size - 1] != '\n') b.data[b.size] = '\n';  // sentinel
        return true;
      }
      // Cut after the last newline; none at all: the line is longer than the buffer, grow it.
      const char* base = b.data.get();
      const void* nl = nullptr;
      for (std::size_t i = b.size; i > scanned; --i) {
        if (base[i - 1] == '\n') {
          nl = base + i - 1;
          break;
        }
      }
      if (nl != nullptr) {
        b.lines_end = static_cast<std::size_t>(static_cast<const char*>(nl) - base) + 1;
        return false;
      }
      scanned = b.size;
      b.reserve(b.capacity * 2);
    }
  }

  std::string_view next() {
    if (at_end) return {};
    bool last = false;
    if (current < 0) {
      current = 0;
      last = produce(buf[0], nullptr, 0);
    } else {
      const int other = 1 - current;
      if (producing) {
        producing = false;
        last = pending.get();  // rethrows a read error
      } else {
        const Buffer& cur = buf[current];
        last = produce(buf[other], cur.data.get() + cur.lines_end, cur.size - cur.lines_end);
      }
      current = other;
    }
    Buffer& b = buf[current];
    if (last) {
      at_end = true;
    } else if (opts.read_ahead) {
      // Read ahead into the other buffer while the caller parses this one. The task reads only the
      // carried tail of `b`, which the caller never touches.
      Buffer& nb = buf[1 - current];
      const char* tail = b.data.get() + b.lines_end;
      const std::size_t tail_len = b.size - b.lines_end;
      pending = std::async(std::launch::async, [this, &nb, tail, tail_len] { return produce(nb, tail, tail_len); });
      producing = true;
    }
    delivered += b.lines_end;
    return {b.data.get(), b.lines_end};
  }
};

LineSource::LineSource(const std::filesystem::path& path, Options opts) : impl_(std::make_unique<Impl>(path, opts)) {}
LineSource::~LineSource() = default;
std::string_view LineSource::next() { return impl_->next(); }
std::uint64_t LineSource::bytes() const noexcept { return impl_->delivered; }
std::uint64_t LineSource::file_bytes() const noexcept { return impl_->file_size; }
bool LineSource::is_gzip() const noexcept { return impl_->gzip; }
const std::string& LineSource::name() const noexcept { return impl_->name; }

bool is_gzip_file(const std::filesystem::path& path) {
  const int f = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (f < 0) return false;
  Fd owner(f);
  unsigned char magic[2] = {0, 0};
  return ::pread(f, magic, 2, 0) == 2 && magic[0] == 0x1f && magic[1] == 0x8b;
}

}  // namespace peerscout::io
