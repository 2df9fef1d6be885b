// Builds Xapian documents on worker threads while the caller reads input and writes the database: tokenizing
// and tagging run in parallel with Xapian's write path, the two halves of an indexer's time. Documents come
// back in the order their articles were submitted, so "the last copy of an id wins" holds as in a serial run.
#pragma once

#include "entities/knowledge_base.hpp"
#include "store/article.hpp"
#include "store/document_builder.hpp"

#include <condition_variable>
#include <cstddef>
#include <deque>
#include <functional>
#include <map>
#include <mutex>
#include <thread>
#include <vector>

namespace dateline {

/// A built document and what the writer needs to know of its article.
struct PipelineResult {
    BuiltDocument built;
    bool undated = false;
};

/// Not copyable. submit() and drain_ready()/drain_all() are called from one thread (the writer's); builders
/// run on their own threads, each with its own DocumentBuilder.
class DocumentPipeline {
public:
    /// `workers` builder threads (at least 1); at most `in_flight` articles are queued or being built.
    /// The knowledge base and the name model (null: none) must outlive the pipeline.
    DocumentPipeline(const KnowledgeBase& knowledge_base, const ner::Model* model, std::size_t workers,
                     std::size_t in_flight);
    ~DocumentPipeline();
    DocumentPipeline(const DocumentPipeline&) = delete;
    DocumentPipeline& operator=(const DocumentPipeline&) = delete;

    /// Queues an article; blocks while `in_flight` articles are pending, handing finished documents to
    /// `write` in order meanwhile.
    void submit(Article&& article, const std::function<void(PipelineResult&&)>& write);

    /// Hands every document that is ready, in order, to `write`, without waiting.
    void drain_ready(const std::function<void(PipelineResult&&)>& write);

    /// Waits for every submitted article and hands its document to `write`, in order.
    void drain_all(const std::function<void(PipelineResult&&)>& write);

    /// How many builder threads suit this machine: one per core. Building is most of an article's CPU and the
    /// writers wait on it; a builder more than the cores left beside the writers costs nothing when they are
    /// free and keeps the indexer's share of the CPU when another job takes a core (measured in
    /// BENCHMARKS.md).
    [[nodiscard]] static std::size_t default_workers();

private:
    /// The writer sleeps while the pipeline is full and is woken with a handful of finished documents, not
    /// for each one: a wake-up per article cost a context switch per article on each side.
    static constexpr std::size_t k_wake_batch = 32;

    void work(std::size_t index);
    /// Whether finished documents are worth waking the writer for: a handful, or the last ones (nothing
    /// queued). Called under the lock; builders notify exactly when it may have become true.
    [[nodiscard]] bool results_worth_waking() const;
    void hand_over(const std::function<void(PipelineResult&&)>& write, bool wait_for_all);

    const KnowledgeBase& m_knowledge_base;
    const ner::Model* m_model;
    std::size_t m_in_flight;
    std::size_t m_wake_batch; ///< finished documents that wake a waiting writer
    std::mutex m_mutex;
    std::condition_variable m_work_ready;   ///< builders wait for articles
    std::condition_variable m_result_ready; ///< the writer waits for documents
    std::deque<std::pair<std::size_t, Article>> m_queue;
    std::map<std::size_t, PipelineResult> m_done; ///< finished documents by sequence number
    std::exception_ptr m_error;                   ///< the first builder failure, rethrown to the writer
    std::size_t m_next_sequence = 0;              ///< given to the next submitted article
    std::size_t m_next_to_write = 0;
    bool m_stopping = false;
    std::vector<std::thread> m_threads;
};

} // namespace dateline
