#include "engine/job/demo_network.hpp"

#include <fstream>
#include <string>
#include <system_error>
#include <vector>

#include "engine/column.hpp"
#include "engine/error.hpp"
#include "io/atomic_output.hpp"
#include "io/text_writer.hpp"

namespace peerscout::job {

namespace {

// Handles of the given person ids, as a pooled string column.
StringColumn handles_of(const datasets::SocialNetwork& net, const std::vector<VertexId>& ids) {
  std::size_t bytes = 0;
  for (VertexId u : ids) bytes += net.handles[u].size();
  StringColumn col;
  col.reserve(ids.size(), bytes);
  for (VertexId u : ids) col.push_back(net.handles[u]);
  return col;
}

template <class T>
StringColumn names_of(const std::vector<std::string>& names, const std::vector<T>& index) {
  StringColumn col;
  col.reserve(index.size(), index.size() * 8);
  for (T i : index) col.push_back(names[i]);
  return col;
}

template <class T>
std::vector<std::int64_t> as_int64(const std::vector<T>& v) {
  return {v.begin(), v.end()};
}

std::vector<VertexId> everyone(VertexId n) {
  std::vector<VertexId> ids(n);
  for (VertexId u = 0; u < n; ++u) ids[u] = u;
  return ids;
}

}  // namespace

DemoFiles write_demo_network(const datasets::SocialNetwork& net, const std::filesystem::path& dir) {
  std::error_code ec;
  std::filesystem::create_directories(dir, ec);
  if (ec || !std::filesystem::is_directory(dir))
    throw OutputError(dir.string() + ": cannot create the demo directory" + (ec ? ": " + ec.message() : std::string()));
  const DemoFiles files{dir / "follows.tsv", dir / "friends.tsv",  dir / "interactions.tsv",
                        dir / "people.csv",  dir / "customers.txt", dir / "ground_truth.csv"};
  const VertexId n = net.num_people();

  {
    std::vector<NamedColumn> cols;
    cols.push_back({"follower", handles_of(net, net.follows.src)});
    cols.push_back({"followee", handles_of(net, net.follows.dst)});
    io::write_delimited(files.follows, cols, '\t');
  }
  {
    std::vector<NamedColumn> cols;
    cols.push_back({"person_a", handles_of(net, net.friends.src)});
    cols.push_back({"person_b", handles_of(net, net.friends.dst)});
    io::write_delimited(files.friends, cols, '\t');
  }
  {
    std::vector<std::int64_t> count(net.interactions.weight.begin(), net.interactions.weight.end());
    std::vector<NamedColumn> cols;
    cols.push_back({"source", handles_of(net, net.interactions.src)});
    cols.push_back({"target", handles_of(net, net.interactions.dst)});
    cols.push_back({"type", names_of(net.interaction_type_names, net.interaction_type)});
    cols.push_back({"count", std::move(count)});
    io::write_delimited(files.interactions, cols, '\t');
  }
  const auto all = everyone(n);
  {
    std::vector<NamedColumn> cols;
    cols.push_back({"id", handles_of(net, all)});
    cols.push_back({"region", names_of(net.region_names, net.region)});
    cols.push_back({"topic", names_of(net.topic_names, net.topic)});
    cols.push_back({"age", as_int64(net.age)});
    io::write_delimited(files.people, cols, ',');
  }
  {
    std::vector<std::string> role_names;
    for (auto r : {datasets::Role::kRegular, datasets::Role::kCelebrity, datasets::Role::kMicroInfluencer,
                   datasets::Role::kBroker})
      role_names.emplace_back(datasets::role_name(r));
    std::vector<std::uint8_t> role(net.role.size());
    for (std::size_t i = 0; i < role.size(); ++i) role[i] = static_cast<std::uint8_t>(net.role[i]);
    std::vector<NamedColumn> cols;
    cols.push_back({"id", handles_of(net, all)});
    cols.push_back({"community", as_int64(net.community)});
    cols.push_back({"role", names_of(role_names, role)});
    io::write_delimited(files.ground_truth, cols, ',');
  }
  {
    io::AtomicOutput out(files.customers);
    {
      std::ofstream f(out.temp_path(), std::ios::binary);
      f << "# CRM export: " << net.customers.size() << " customers, one handle per line\n";
      for (VertexId u : net.customers) f << net.handles[u] << '\n';
      f.flush();
      if (!f) throw OutputError(files.customers.string() + ": write failed");
    }
    out.commit();
  }
  return files;
}

}  // namespace peerscout::job
