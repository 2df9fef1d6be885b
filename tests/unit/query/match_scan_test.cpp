#include "access/match_scan.hpp"
#include "store/schema.hpp"
#include "test_support.hpp"

#include <doctest/doctest.h>

#include <algorithm>
#include <cstdio>
#include <stdexcept>
#include <string>
#include <vector>

using namespace dateline;

namespace {

/// A shard of `count` articles dated 2025-01-DD (DD = 1 + i % 28), each mentioning person Q<first + i>.
std::string make_shard(const testing::TempDir& dir, const std::string& name, int first, int count) {
    const auto path = (dir.path() / name).string();
    Xapian::WritableDatabase database(path, Xapian::DB_CREATE);
    for (int i = 0; i < count; ++i) {
        char day[16];
        std::snprintf(day, sizeof day, "202501%02d", 1 + i % 28);
        Xapian::Document document;
        document.add_boolean_term("Xall");
        document.add_value(schema::slot(schema::Slot::entities),
                           std::string("#\t1\t") + day + "\nP:Q" + std::to_string(first + i) + "\t1\t0\n");
        database.add_document(document);
    }
    database.commit();
    return path;
}

} // namespace

TEST_CASE("query::for_each_match over several local shards: every match once") {
    testing::TempDir dir;
    Shards shards;
    shards.local = {make_shard(dir, "a", 0, 1500), make_shard(dir, "b", 1500, 700),
                    make_shard(dir, "c", 2200, 1)};
    Xapian::Database combined;
    for (const auto& folder : shards.local) {
        combined.add_database(Xapian::Database(folder));
    }
    std::vector<std::string> seen;
    std::size_t dated = 0;
    for_each_match(combined, Xapian::Query("Xall"), shards, [&](const MatchRecord& record) {
        seen.emplace_back(record.entities.substr(record.entities.find("P:")));
        dated += record.date.starts_with("202501") ? 1 : 0;
    });
    CHECK(seen.size() == 2201);
    CHECK(dated == 2201);
    std::sort(seen.begin(), seen.end());
    CHECK(std::unique(seen.begin(), seen.end()) == seen.end());

    SUBCASE("a failure of the caller's callback stops the scan and reaches the caller") {
        std::size_t calls = 0;
        CHECK_THROWS_AS(for_each_match(combined, Xapian::Query("Xall"), shards,
                                       [&](const MatchRecord&) {
                                           if (++calls == 10) {
                                               throw std::runtime_error("stop");
                                           }
                                       }),
                        std::runtime_error);
        CHECK(calls == 10);
    }
    SUBCASE("a shard that cannot be read fails the scan") {
        shards.local.push_back((dir.path() / "missing").string());
        CHECK_THROWS_AS(for_each_match(combined, Xapian::Query("Xall"), shards, [](const MatchRecord&) {}),
                        Xapian::Error);
    }
}
