#include "pipeline/document_pipeline.hpp"

#include <algorithm>
#include <pthread.h>
#include <string>

namespace dateline {

DocumentPipeline::DocumentPipeline(const KnowledgeBase& knowledge_base, const ner::Model* model,
                                   std::size_t workers, std::size_t in_flight)
    : m_knowledge_base(knowledge_base), m_model(model), m_in_flight(in_flight == 0 ? 1 : in_flight),
      m_wake_batch(std::clamp<std::size_t>(m_in_flight / 4, 1, k_wake_batch)) {
    for (std::size_t i = 0; i < (workers == 0 ? 1 : workers); ++i) {
        m_threads.emplace_back(&DocumentPipeline::work, this, i);
    }
}

DocumentPipeline::~DocumentPipeline() {
    {
        std::lock_guard lock(m_mutex);
        m_stopping = true;
    }
    m_work_ready.notify_all();
    for (auto& thread : m_threads) {
        thread.join();
    }
}

std::size_t DocumentPipeline::default_workers() {
    return std::max(1U, std::thread::hardware_concurrency());
}

void DocumentPipeline::work(std::size_t index) {
    pthread_setname_np(pthread_self(), ("dl-builder-" + std::to_string(index)).c_str()); // top -H, perf, gdb
    DocumentBuilder builder(m_knowledge_base, m_model);
    while (true) {
        std::pair<std::size_t, Article> job;
        {
            std::unique_lock lock(m_mutex);
            m_work_ready.wait(lock, [&] { return m_stopping || !m_queue.empty(); });
            if (m_queue.empty()) {
                return; // stopping and nothing left
            }
            job = std::move(m_queue.front());
            m_queue.pop_front();
        }
        PipelineResult result;
        std::exception_ptr error;
        try {
            result.undated = !job.second.date.has_value();
            result.built = builder.build(job.second);
        } catch (...) {
            error = std::current_exception();
        }
        bool wake = false;
        {
            std::lock_guard lock(m_mutex);
            if (error && !m_error) {
                m_error = error;
            }
            m_done.emplace(job.first, std::move(result));
            wake = error || results_worth_waking();
        }
        if (wake) {
            m_result_ready.notify_all();
        }
    }
}

bool DocumentPipeline::results_worth_waking() const {
    return m_done.size() >= m_wake_batch || m_queue.empty();
}

void DocumentPipeline::hand_over(const std::function<void(PipelineResult&&)>& write, bool wait_for_all) {
    while (true) {
        PipelineResult result;
        {
            std::unique_lock lock(m_mutex);
            if (wait_for_all) {
                m_result_ready.wait(lock, [&] {
                    return m_error || m_next_to_write == m_next_sequence || m_done.contains(m_next_to_write);
                });
            }
            if (m_error) {
                std::rethrow_exception(m_error);
            }
            const auto it = m_done.find(m_next_to_write);
            if (it == m_done.end()) {
                return;
            }
            result = std::move(it->second);
            m_done.erase(it);
            ++m_next_to_write;
        }
        // Write outside the lock: builders keep working meanwhile.
        write(std::move(result));
    }
}

void DocumentPipeline::submit(Article&& article, const std::function<void(PipelineResult&&)>& write) {
    while (true) {
        hand_over(write, false);
        std::unique_lock lock(m_mutex);
        if (m_next_sequence - m_next_to_write < m_in_flight) {
            m_queue.emplace_back(m_next_sequence++, std::move(article));
            lock.unlock();
            m_work_ready.notify_one();
            return;
        }
        // Full: wait until a handful of documents are done (the next in order among them), then write them.
        m_result_ready.wait(
            lock, [&] { return m_error || (results_worth_waking() && m_done.contains(m_next_to_write)); });
    }
}

void DocumentPipeline::drain_ready(const std::function<void(PipelineResult&&)>& write) {
    hand_over(write, false);
}

void DocumentPipeline::drain_all(const std::function<void(PipelineResult&&)>& write) {
    while (true) {
        {
            std::lock_guard lock(m_mutex);
            if (m_next_to_write == m_next_sequence) {
                return;
            }
        }
        hand_over(write, true);
    }
}

} // namespace dateline
