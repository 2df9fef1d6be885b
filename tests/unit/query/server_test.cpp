#include "server/api_routes.hpp"
#include "server/chunk_channel.hpp"
#include "util/errors.hpp"

#include <doctest/doctest.h>

#include <thread>

using namespace dateline;
using namespace dateline::server;

TEST_CASE("command_call: parameters become the command's options, one word each") {
    const auto* timeline = find_route("/api/timeline");
    REQUIRE(timeline != nullptr);
    const auto call = command_call(*timeline, {{"name", "이재명"},
                                               {"name", "--db=/etc"},
                                               {"q", "APEC"},
                                               {"by", "week"},
                                               {"articles", "1"},
                                               {"with", "KR"}});
    CHECK(call.command == "timeline");
    CHECK(call.format == "json");
    CHECK(call.arguments == std::vector<std::string>{"--subject=이재명", "--subject=--db=/etc",
                                                     "--query=APEC", "--by=week", "--articles", "--with=KR",
                                                     "--format=json"});
}

TEST_CASE("command_call refuses what the endpoint does not take") {
    const auto* search = find_route("/api/search");
    REQUIRE(search != nullptr);
    CHECK_THROWS_AS((void)command_call(*search, {{"db", "/etc"}}), UsageError);
    CHECK_THROWS_AS((void)command_call(*search, {{"entities", "/etc/passwd"}}), UsageError);
    CHECK_THROWS_AS((void)command_call(*search, {{"format", "graphml"}}), UsageError);
    CHECK_THROWS_AS((void)command_call(*search, {{"collapse", "maybe"}}), UsageError);
    const auto* met = find_route("/api/met");
    REQUIRE(met != nullptr);
    CHECK_THROWS_AS((void)command_call(*met, {{"name", "A"}, {"name", "B"}}), UsageError); // one person
    const auto* exports = find_route("/api/export/timelines");
    REQUIRE(exports != nullptr);
    CHECK_THROWS_AS((void)command_call(*exports, {{"out", "/tmp/x"}}), UsageError);
    CHECK(command_call(*search, {{"collapse", "0"}}).arguments == std::vector<std::string>{"--format=json"});
    CHECK(command_call(*exports, {}).arguments ==
          std::vector<std::string>{"--what=timelines", "--format=csv"});
}

TEST_CASE("the OpenAPI description lists every route and its formats") {
    const auto document = openapi_document("0.1.0");
    for (const auto& route : routes()) {
        REQUIRE(document["paths"].contains(std::string(route.path)));
        const auto& parameters = document["paths"][std::string(route.path)]["get"]["parameters"];
        bool has_format = false;
        for (const auto& parameter : parameters) {
            has_format = has_format || parameter["name"] == "format";
        }
        CHECK(has_format);
    }
    CHECK(document["paths"].contains("/api/articles/{id}"));
}

TEST_CASE("ChunkChannel: bounded, ordered, and the writer learns that the reader left") {
    ChunkChannel channel(2);
    std::thread writer([&] {
        ChannelStream out(channel, 4);
        for (int i = 0; i < 100; ++i) {
            out << i << ',';
        }
        out.flush();
        channel.finish(nullptr);
    });
    REQUIRE(channel.wait_first());
    std::string all, chunk;
    while (channel.pop(chunk)) {
        CHECK(chunk.size() <= 4);
        all += chunk;
    }
    writer.join();
    std::string expected;
    for (int i = 0; i < 100; ++i) {
        expected += std::to_string(i) + ",";
    }
    CHECK(all == expected);

    ChunkChannel gone(1);
    std::thread stubborn([&] {
        try {
            ChannelStream out(gone, 1);
            for (int i = 0; i < 1000000; ++i) {
                out << 'x';
            }
            gone.finish(nullptr);
        } catch (const ClientGone&) {
            gone.finish(std::current_exception());
        }
    });
    REQUIRE(gone.wait_first());
    gone.close();
    stubborn.join();
    CHECK(gone.error() != nullptr);
}
