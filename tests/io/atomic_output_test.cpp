// Output files appear complete or not at all: AtomicOutput itself, and write_results_h5 failing
// early (bad directory, bad document) and late (a real write error in the middle of HDF5 output).
#include <catch2/catch.hpp>

#include <signal.h>
#include <stdlib.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "engine/error.hpp"
#include "io/atomic_output.hpp"
#include "tests/support/files.hpp"
#include "io/hdf5/results_reader.hpp"
#include "io/hdf5/results_writer.hpp"

using namespace peerscout;
using namespace peerscout::io;
namespace fs = std::filesystem;

namespace {




/// A document whose string and numeric data make a file of several megabytes.
ResultsDocument big_document() {
  ResultsDocument doc;
  doc.root_attributes.push_back({"format", std::string("peerscout")});
  std::vector<double> values(1'000'000);
  for (std::size_t i = 0; i < values.size(); ++i) values[i] = static_cast<double>(i * 2654435761u % 1000003u) / 7.0;
  doc.datasets.push_back({"/big/values", std::move(values), {}});
  StringColumn ids;
  for (int i = 0; i < 100'000; ++i) ids.push_back("user_" + std::to_string(i * 7919));
  doc.datasets.push_back({"/nodes/id", std::move(ids), {}});
  return doc;
}

ResultsDocument old_document() {
  ResultsDocument doc;
  doc.root_attributes.push_back({"generation", std::string("old")});
  doc.datasets.push_back({"/x", std::vector<std::int64_t>{1, 2, 3}, {}});
  return doc;
}

void check_old_file_intact(const fs::path& file) {
  const auto attrs = read_attributes_h5(file, "/");
  REQUIRE(attrs.size() == 1);
  CHECK(std::get<std::string>(attrs[0].value) == "old");
  CHECK(std::get<std::vector<std::int64_t>>(read_dataset_h5(file, "/x")) == std::vector<std::int64_t>{1, 2, 3});
}

}  // namespace

TEST_CASE("AtomicOutput: hidden temporary beside the final file, renamed on commit", "[atomic_output]") {
  test::TempDir dir("atomic");
  const fs::path final_path = dir / "results.h5";
  {
    AtomicOutput out(final_path);
    CHECK(out.final_path() == final_path);
    CHECK(out.temp_path().parent_path() == dir.path());
    const std::string name = out.temp_path().filename().string();
    CHECK(name.front() == '.');  // a user's `*.h5` glob does not match dot-files
    CHECK_THAT(name, Catch::StartsWith(".results.h5.tmp." + std::to_string(::getpid()) + "."));
    CHECK(name.find(".h5", name.size() - 3) == std::string::npos);  // does not end in .h5 either
    std::ofstream(out.temp_path()) << "complete";
    CHECK_FALSE(fs::exists(final_path));
    out.commit();
    CHECK(out.committed());
    CHECK_THROWS_AS(out.commit(), OutputError);  // twice
  }
  CHECK(test::list_dir(dir.path()) == std::vector<std::string>{"results.h5"});
  CHECK(test::read_file(final_path) == "complete");
}

TEST_CASE("AtomicOutput: no commit -> temporary removed, existing file untouched", "[atomic_output]") {
  test::TempDir dir("atomic");
  const fs::path final_path = dir / "results.h5";
  std::ofstream(final_path) << "old";
  {
    AtomicOutput out(final_path);
    std::ofstream(out.temp_path()) << "half-writ";
  }
  CHECK(test::list_dir(dir.path()) == std::vector<std::string>{"results.h5"});
  CHECK(test::read_file(final_path) == "old");
  {
    AtomicOutput out(final_path);  // the caller never created the temporary file
  }
  CHECK(test::list_dir(dir.path()) == std::vector<std::string>{"results.h5"});
  {
    AtomicOutput out(final_path);
    std::ofstream(out.temp_path()) << "new";
    out.commit();  // replaces the old file
  }
  CHECK(test::read_file(final_path) == "new");
}

TEST_CASE("AtomicOutput: two outputs to the same name do not share a temporary file", "[atomic_output]") {
  // Regression: the temporary name was "<name>.tmp.<pid>", so a second AtomicOutput for the same
  // file in the same process wrote into the first one's temporary, and whichever was destroyed
  // first deleted the other's data.
  test::TempDir dir("atomic");
  const fs::path final_path = dir / "shortlist.csv";
  AtomicOutput a(final_path);
  {
    AtomicOutput b(final_path);
    CHECK(a.temp_path() != b.temp_path());
    std::ofstream(a.temp_path()) << "from a";
    std::ofstream(b.temp_path()) << "from b";
  }  // b abandoned
  REQUIRE(fs::exists(a.temp_path()));
  a.commit();
  CHECK(test::read_file(final_path) == "from a");
}

TEST_CASE("AtomicOutput: refuses a missing directory or a directory as the final path", "[atomic_output]") {
  test::TempDir dir("atomic");
  CHECK_THROWS_WITH(AtomicOutput(dir / "nope/results.h5"),
                    (dir / "nope/results.h5").string() + ": directory '" + (dir / "nope").string() + "' does not exist");
  fs::create_directory(dir / "sub");
  CHECK_THROWS_WITH(AtomicOutput(dir / "sub"), (dir / "sub").string() + ": is a directory");
  CHECK_THROWS_AS(AtomicOutput(""), OutputError);
  if (::geteuid() == 0) {
    WARN("skipped the read-only directory check: running as root, which may write anywhere");
  } else {
    fs::create_directory(dir / "ro");
    fs::permissions(dir / "ro", fs::perms::owner_read | fs::perms::owner_exec);
    CHECK_THROWS_WITH(AtomicOutput(dir / "ro/results.h5"),
                      (dir / "ro/results.h5").string() + ": directory '" + (dir / "ro").string() + "' is not writable");
  }
  CHECK(test::list_dir(dir.path()) == (::geteuid() == 0 ? std::vector<std::string>{"sub"} : std::vector<std::string>{"ro", "sub"}));
}

TEST_CASE("write_results_h5: early failures leave nothing behind", "[atomic_output][hdf5]") {
  test::TempDir dir("atomic");
  const ResultsDocument doc = old_document();
  SECTION("non-existent directory") {
    const fs::path out = dir / "missing/results.h5";
    CHECK_THROWS_WITH(write_results_h5(out, doc), Catch::StartsWith(out.string() + ": directory"));
    CHECK(fs::is_empty(dir.path()));
  }
  SECTION("the final path is a directory") {
    fs::create_directory(dir / "results.h5");
    std::ofstream(dir / "results.h5/keep.txt") << "keep";
    CHECK_THROWS_WITH(write_results_h5(dir / "results.h5", doc), (dir / "results.h5").string() + ": is a directory");
    CHECK(test::list_dir(dir.path()) == std::vector<std::string>{"results.h5"});
    CHECK(test::list_dir(dir / "results.h5") == std::vector<std::string>{"keep.txt"});
  }
  SECTION("a conflicting document does not replace the older file") {
    const fs::path out = dir / "results.h5";
    write_results_h5(out, old_document());
    ResultsDocument bad = big_document();
    bad.datasets.push_back({"/big/values/inside", std::vector<double>{1.0}, {}});  // a dataset as a group
    CHECK_THROWS_WITH(write_results_h5(out, bad),
                      Catch::StartsWith(out.string() + ": invalid results document: '/big/values/inside' is inside"));
    CHECK(test::list_dir(dir.path()) == std::vector<std::string>{"results.h5"});
    check_old_file_intact(out);
  }
}

TEST_CASE("write_results_h5: a write error in the middle of HDF5 output leaves no file", "[atomic_output][hdf5]") {
  // A real late failure: in a child process, RLIMIT_FSIZE caps regular files at 256 KiB, so HDF5's
  // writes fail with EFBIG part-way through a ~10 MB file (SIGXFSZ ignored). The child reports the
  // exception message through a pipe.
  test::TempDir dir("atomic");
  const fs::path out = dir / "results.h5";
  write_results_h5(out, old_document());
  const std::string old_bytes = test::read_file(out);

  int fds[2];
  REQUIRE(::pipe(fds) == 0);
  const pid_t pid = ::fork();
  REQUIRE(pid >= 0);
  if (pid == 0) {
    ::close(fds[0]);
    ::signal(SIGXFSZ, SIG_IGN);
    rlimit limit{};
    ::getrlimit(RLIMIT_FSIZE, &limit);
    limit.rlim_cur = 256 * 1024;
    ::setrlimit(RLIMIT_FSIZE, &limit);
    std::string message;
    int code = 0;
    try {
      write_results_h5(out, big_document());
      message = "no exception";
      code = 1;
    } catch (const OutputError& e) {
      message = e.what();
    } catch (const std::exception& e) {
      message = std::string("wrong exception type: ") + e.what();
      code = 2;
    }
    const auto written = ::write(fds[1], message.data(), message.size());
    (void)written;
    ::close(fds[1]);
    ::_exit(code);
  }
  ::close(fds[1]);
  std::string message;
  char buf[4096];
  ssize_t got = 0;
  while ((got = ::read(fds[0], buf, sizeof buf)) > 0) message.append(buf, static_cast<std::size_t>(got));
  ::close(fds[0]);
  int status = 0;
  ::waitpid(pid, &status, 0);
  INFO(message);
  REQUIRE(WIFEXITED(status));
  CHECK(WEXITSTATUS(status) == 0);
  CHECK_THAT(message, Catch::StartsWith(out.string() + ": cannot write HDF5 results: "));
  CHECK_THAT(message, Catch::Contains("File too large"));  // strerror(EFBIG), from HDF5's error stack
  CHECK(message.find('\n') == std::string::npos);  // HDF5 descriptions are joined into one line
  CHECK(test::list_dir(dir.path()) == std::vector<std::string>{"results.h5"});
  CHECK(test::read_file(out) == old_bytes);
  check_old_file_intact(out);

  // Without the limit the same document is written and replaces the old file.
  write_results_h5(out, big_document());
  CHECK(test::list_dir(dir.path()) == std::vector<std::string>{"results.h5"});
  CHECK(std::get<StringColumn>(read_dataset_h5(out, "/nodes/id")).size() == 100'000);
}
