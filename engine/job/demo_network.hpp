#pragma once
/// Writes a generated SocialNetwork as the files an analyst would have after exporting from a
/// platform and a CRM: string handles, one file per layer, attributes and a customer list; plus the
/// planted ground truth, for checking what the analyses find (docs/demo_network.md).
///
/// | file               | format                                                          |
/// |--------------------|-----------------------------------------------------------------|
/// | follows.tsv        | header `follower<TAB>followee`, one follow per line              |
/// | friends.tsv        | header `person_a<TAB>person_b`, each friendship once             |
/// | interactions.tsv   | header `source<TAB>target<TAB>type<TAB>count`, type like/comment/share |
/// | people.csv         | header `id,region,topic,age`                                     |
/// | customers.txt      | a `#` comment line, then one handle per line                     |
/// | ground_truth.csv   | header `id,community,role`, role regular/celebrity/micro_influencer/broker |
///
/// Every file is written atomically (io::AtomicOutput): it appears complete or not at all. The
/// directory is created when missing. Throws OutputError when it cannot be created or written.
/// Rows follow the order of the network's arrays (sorted by person id), so the same network gives
/// byte-identical files.
#include <filesystem>

#include "datasets/generators/social_network.hpp"

namespace peerscout::job {

struct DemoFiles {
  std::filesystem::path follows, friends, interactions, people, customers, ground_truth;
};

DemoFiles write_demo_network(const datasets::SocialNetwork& net, const std::filesystem::path& dir);

}  // namespace peerscout::job
