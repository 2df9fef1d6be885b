#include "pipeline/indexing_run.hpp"

#include "commands/model_option.hpp"
#include "entities/knowledge_base.hpp"
#include "pipeline/document_pipeline.hpp"
#include "readers/feed_reader.hpp"
#include "readers/html_reader.hpp"
#include "readers/jsonl_reader.hpp"
#include "readers/text_reader.hpp"
#include "util/errors.hpp"
#include "util/exit_status.hpp"
#include "util/progress.hpp"
#include "writing/index_writer.hpp"

#include <atomic>
#include <chrono>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <iterator>
#include <sstream>

namespace dateline {

namespace {

std::atomic<bool> g_stop_requested{false};

std::string location(const SourceLocation& where) {
    return where.line > 0 ? where.file + ":" + std::to_string(where.line) : where.file;
}

std::size_t builder_threads(const IndexOptions& options) {
    return options.workers == 0 ? DocumentPipeline::default_workers() : options.workers;
}

/// Builders keep working while the writer commits (a commit of 1,000 Reuters stories takes ~0.1 s): with 64
/// documents in flight they stalled through every commit, with 512 they do not (Reuters: 12.0 -> 10.0 s, +6
/// MB).
constexpr std::size_t k_documents_in_flight_per_builder = 512;

/// Receives what the readers produce: indexes articles, prints and counts problems, draws progress.
class IndexingSink final : public ReadEvents {
public:
    IndexingSink(const IndexOptions& options, const KnowledgeBase& knowledge_base, const ner::Model* model,
                 IndexWriter& writer, IndexSummary& summary, std::ostream& diagnostics)
        : m_options(options), m_writer(writer), m_summary(summary), m_diagnostics(diagnostics),
          m_pipeline(knowledge_base, model, builder_threads(options),
                     k_documents_in_flight_per_builder * builder_threads(options)),
          m_write([this](PipelineResult&& result) { write(std::move(result)); }) {}

    void on_article(Article&& article) override { m_pipeline.submit(std::move(article), m_write); }

    /// Writes every document still being built (before a commit).
    void drain() { m_pipeline.drain_all(m_write); }

    void on_problem(const SourceLocation& where, Problem kind, const std::string& message) override {
        ++(kind == Problem::skipped ? m_summary.skipped : m_summary.warnings);
        record({where.file, where.line, kind == Problem::skipped, message});
        report(location(where), kind == Problem::skipped ? "error" : "warning",
               message + (kind == Problem::skipped ? "; skipped" : ""));
        if (kind == Problem::skipped && m_options.on_bad_record == OnBadRecord::stop) {
            drain();
            m_writer.commit();
            throw DataError(location(where) + ": " + message + " (stopping because of --strict)");
        }
    }

    void on_repaired(const SourceLocation& where, std::size_t count) override {
        m_summary.repaired += count;
        record({where.file, where.line, false,
                "replaced " + std::to_string(count) + " invalid UTF-8 sequence" + (count == 1 ? "" : "s")});
        report(location(where), "warning",
               "replaced " + std::to_string(count) + " invalid UTF-8 sequence" + (count == 1 ? "" : "s") +
                   " with U+FFFD");
    }

    [[nodiscard]] bool should_stop() const override {
        return g_stop_requested.load(std::memory_order_relaxed);
    }

    /// Keeps the problem for the run's report (--report), up to its bound.
    void record(RecordProblem problem) {
        if (m_summary.problems.size() < IndexSummary::k_most_problems) {
            m_summary.problems.push_back(std::move(problem));
        } else {
            ++m_summary.problems_not_listed;
        }
    }

    void report(const std::string& where, const char* level, const std::string& message) {
        if (++m_messages > m_options.max_messages) {
            return;
        }
        m_progress.clear();
        m_diagnostics << "dateline-index: " << where << ": " << level << ": " << message << '\n';
        if (m_messages == m_options.max_messages) {
            m_diagnostics << "dateline-index: further messages are not shown; the summary counts them\n";
        }
    }

    void start_file(std::uint64_t bytes_before) { m_bytes_before = bytes_before; }
    void set_position_source(std::function<std::uint64_t()> position) { m_position = std::move(position); }
    ProgressState& progress_state() { return m_progress_state; }

    void draw_progress() {
        m_progress_state.bytes_done = m_bytes_before + (m_position ? m_position() : 0);
        m_progress.update(m_progress_state);
    }

    void finish() { m_progress.clear(); }

private:
    void write(PipelineResult&& result) {
        m_writer.write(std::move(result.built));
        if (result.undated) {
            ++m_summary.undated;
        }
        ++m_progress_state.records;
        if ((m_progress_state.records & 63) == 0) {
            draw_progress();
        }
    }

    const IndexOptions& m_options;
    IndexWriter& m_writer;
    IndexSummary& m_summary;
    std::ostream& m_diagnostics;
    DocumentPipeline m_pipeline;
    std::function<void(PipelineResult&&)> m_write;
    ProgressLine m_progress;
    ProgressState m_progress_state;
    std::uint64_t m_bytes_before = 0;
    std::function<std::uint64_t()> m_position;
    std::size_t m_messages = 0;
};

/// Reads at most `limit` bytes; returns nothing if the stream holds more.
std::optional<std::string> read_bounded(std::istream& in, std::size_t limit) {
    std::string content;
    std::array<char, 64 * 1024> buffer;
    while (in.read(buffer.data(), buffer.size()) || in.gcount() > 0) {
        content.append(buffer.data(), static_cast<std::size_t>(in.gcount()));
        if (content.size() > limit) {
            return std::nullopt;
        }
    }
    return content;
}

/// For a stream the format must be known before reading it: JSON Lines is recognised from its first character
/// and streamed; anything else is read whole and detected from its content.
InputFormat resolve_stream_format(InputFormat requested, std::istream& in) {
    if (requested != InputFormat::automatic) {
        return requested;
    }
    in >> std::ws;
    return in.peek() == '{' ? InputFormat::jsonl : InputFormat::automatic; // decided later from the content
}

void read_whole(InputFormat format, std::istream& in, const InputFile& file, const IndexOptions& options,
                IndexingSink& sink) {
    const bool feed =
        format == InputFormat::rss || format == InputFormat::atom || format == InputFormat::automatic;
    const auto limit = options.reader.max_record_bytes * (feed ? options.reader.feed_size_factor : 1);
    auto content = read_bounded(in, limit);
    if (!content) {
        sink.on_problem({file.path, 0}, Problem::skipped,
                        "larger than the limit of " + std::to_string(limit) +
                            " bytes for this format; raise --max-bytes");
        return;
    }
    if (content->empty() || content->find_first_not_of(" \t\r\n") == std::string::npos) {
        sink.on_problem({file.path, 0}, Problem::skipped, "empty file");
        return;
    }
    if (looks_binary(std::string_view(*content).substr(0, 8192))) {
        sink.on_problem({file.path, 0}, Problem::skipped, "binary file, not an article format");
        return;
    }
    if (format == InputFormat::automatic) {
        format = detect_format(file.path, std::string_view(*content).substr(0, 8192));
    }
    switch (format) {
    case InputFormat::jsonl: {
        std::istringstream stream(std::move(*content));
        read_jsonl(stream, file.path, options.reader, sink);
        break;
    }
    case InputFormat::rss:
    case InputFormat::atom:
        read_feed(std::move(*content), file.path, sink);
        break;
    case InputFormat::html:
        read_html(std::move(*content), file.path, sink);
        break;
    case InputFormat::text:
    case InputFormat::automatic:
        if (content->size() > options.reader.max_record_bytes) {
            sink.on_problem({file.path, 0}, Problem::skipped, "text file larger than --max-bytes");
            return;
        }
        read_text(std::move(*content), file.path, sink);
        break;
    }
}

void index_file(const InputFile& file, const IndexOptions& options, IndexingSink& sink) {
    std::ifstream opened;
    if (file.path != "-") {
        opened.open(file.path, std::ios::binary);
        if (!opened) {
            sink.on_problem({file.path, 0}, Problem::skipped, "cannot open file for reading");
            return;
        }
    }
    std::istream& in = file.path == "-" ? std::cin : opened;
    if (file.kind == InputKind::stream) {
        const auto format = resolve_stream_format(options.format, in);
        if (format == InputFormat::jsonl) {
            read_jsonl(in, file.path, options.reader, sink);
        } else {
            read_whole(format, in, file, options, sink);
        }
        return;
    }
    auto format = options.format;
    std::string head(8192, '\0');
    in.read(head.data(), static_cast<std::streamsize>(head.size()));
    head.resize(static_cast<std::size_t>(in.gcount()));
    in.clear();
    in.seekg(0);
    if (format == InputFormat::automatic) {
        format = detect_format(file.path, head);
    }
    if (format == InputFormat::jsonl) {
        if (head.find_first_not_of(" \t\r\n") == std::string::npos) {
            sink.on_problem({file.path, 0}, Problem::skipped, "empty file");
            return;
        }
        // A JSON Lines file (it starts with "{") keeps its good records: a line with a NUL is not valid JSON
        // and is skipped on its own, with its line number. Anything else with a NUL up front is a binary
        // file.
        const auto first = head.find_first_not_of(" \t\r\n\xEF\xBB\xBF");
        if (looks_binary(head) && (first == std::string::npos || head[first] != '{')) {
            sink.on_problem({file.path, 0}, Problem::skipped, "binary file, not JSON Lines");
            return;
        }
        sink.set_position_source([&in] {
            const auto position = in.tellg();
            return position < 0 ? std::uint64_t{0} : static_cast<std::uint64_t>(position);
        });
        read_jsonl(in, file.path, options.reader, sink);
        sink.set_position_source({});
        return;
    }
    read_whole(format, in, file, options, sink);
}

} // namespace

void request_stop() noexcept {
    g_stop_requested.store(true);
}

int IndexSummary::exit_status() const {
    if (interrupted) {
        return exit_status::k_interrupted;
    }
    return skipped > 0 ? exit_status::k_data : exit_status::k_done;
}

std::string IndexSummary::describe() const {
    const double rate = seconds > 0 ? static_cast<double>(added + replaced) / seconds : 0;
    const double mb = seconds > 0 ? static_cast<double>(bytes) / 1e6 / seconds : 0;
    char timing[128];
    std::snprintf(timing, sizeof timing, " in %.2f s (%.0f articles/s, %.2f MB/s)", seconds, rate, mb);
    return std::string(interrupted ? "interrupted: " : "") + "indexed " + std::to_string(added + replaced) +
           " articles (" + std::to_string(added) + " added, " + std::to_string(replaced) +
           " replaced) from " + std::to_string(files) + " file" + (files == 1 ? "" : "s") + ", " +
           std::to_string(skipped) + " skipped, " + std::to_string(warnings) + " warnings, " +
           std::to_string(undated) + " undated, " + std::to_string(repaired) + " invalid UTF-8 repaired" +
           timing + "; database holds " + std::to_string(articles_in_database) + " articles" + partitions();
}

std::string IndexSummary::partitions() const {
    std::string out;
    if (unchanged > 0) {
        out += "; " + std::to_string(unchanged) + " of the replaced were unchanged and left as they were";
    }
    if (replaced_sealed > 0) {
        out += "; " + std::to_string(replaced_sealed) + " rewritten in sealed partitions";
    }
    for (const auto& partition : sealed) {
        char line[160];
        std::snprintf(line, sizeof line, "; sealed partition %u (%llu articles, %.1f s)", partition.number,
                      static_cast<unsigned long long>(partition.articles), partition.seconds);
        out += line;
    }
    return out;
}

IndexSummary index_inputs(const IndexOptions& options, const std::vector<std::string>& inputs,
                          std::ostream& diagnostics) {
    const auto start = std::chrono::steady_clock::now();
    g_stop_requested.store(false);
    IndexSummary summary;
    std::optional<KnowledgeBase> user_knowledge_base;
    if (!options.entity_files.empty()) {
        user_knowledge_base.emplace(
            KnowledgeBase::with_user_files(options.entity_files, [&](const KnowledgeBaseIssue& issue) {
                diagnostics << "dateline-index: " << issue.where << ": warning: " << issue.message << '\n';
            }));
    }
    const KnowledgeBase& knowledge_base =
        user_knowledge_base ? *user_knowledge_base : KnowledgeBase::builtin();
    IndexWriter writer(options.database, options.batch_size, options.shards, 256, options.partition_size);
    std::optional<ner::Model> loaded_model;
    const auto* model = choose_model(options.model_file, options.no_model, loaded_model);
    IndexingSink sink(options, knowledge_base, model, writer, summary, diagnostics);

    const auto files = expand_inputs(inputs, [&](const std::string& path, const std::string& why) {
        sink.on_problem({path, 0}, Problem::skipped, why);
    });
    auto& progress = sink.progress_state();
    progress.files_total = files.size();
    for (const auto& file : files) {
        progress.bytes_total += file.bytes;
    }
    const auto finish = [&] {
        sink.drain();
        writer.commit();
        sink.finish();
        summary.articles_in_database = writer.article_count();
        summary.added = writer.added();
        summary.replaced = writer.replaced();
        summary.replaced_sealed = writer.replaced_sealed();
        summary.unchanged = writer.unchanged();
        for (const auto& sealed : writer.sealed()) {
            summary.sealed.push_back({sealed.number, sealed.articles, sealed.seconds});
        }
        for (const auto& shard : writer.shard_counts()) {
            if (shard.added + shard.replaced > 0) {
                summary.shards.push_back({shard.path, shard.added, shard.replaced, shard.articles});
            }
        }
        summary.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    };
    try {
        for (const auto& file : files) {
            if (g_stop_requested.load()) {
                break;
            }
            sink.start_file(summary.bytes);
            index_file(file, options, sink);
            summary.bytes += file.bytes;
            ++summary.files;
            progress.files_done = summary.files;
            sink.draw_progress();
        }
    } catch (...) {
        finish();
        throw;
    }
    summary.interrupted = g_stop_requested.load();
    finish();
    return summary;
}

} // namespace dateline
