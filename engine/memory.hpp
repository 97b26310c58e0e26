#pragma once
/// Process memory figures for the run summary and benchmarks (Linux /proc).
#include <cstddef>
#include <cstdint>
#include <string>

namespace peerscout {

/// Peak resident set size of this process so far (VmHWM), in bytes; 0 if unknown.
std::uint64_t peak_rss_bytes();
/// Current resident set size (VmRSS), in bytes; 0 if unknown.
std::uint64_t current_rss_bytes();
/// Resets the peak to the current RSS (Linux >= 4.0, /proc/self/clear_refs); false if not allowed.
bool reset_peak_rss();
/// "1.5 GiB", "312 MiB", "4.0 KiB", "17 B".
std::string human_bytes(std::uint64_t bytes);

}  // namespace peerscout
