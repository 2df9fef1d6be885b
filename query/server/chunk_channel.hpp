// A bounded queue of output chunks between a thread that runs a command and the HTTP worker that sends its
// output as it comes (a streamed export), with an ostream for the writing side. Memory stays bounded: the
// writer waits while the queue is full; if the client goes away, the writer's next write throws and the
// command unwinds.
#pragma once

#include <condition_variable>
#include <cstddef>
#include <deque>
#include <exception>
#include <mutex>
#include <ostream>
#include <streambuf>
#include <string>

namespace dateline::server {

/// Thrown into the writing command when the reader (the client) is gone.
class ClientGone : public std::exception {
public:
    [[nodiscard]] const char* what() const noexcept override { return "the client closed the connection"; }
};

class ChunkChannel {
public:
    explicit ChunkChannel(std::size_t capacity = 8) : m_capacity(capacity) {}

    /// Writer: queues a chunk, waiting while the queue is full; throws ClientGone once the reader closed.
    void push(std::string chunk);
    /// Writer: no more chunks; `error` is what ended the command, or null.
    void finish(std::exception_ptr error);

    /// Reader: waits until a chunk is queued or the writer finished; true if a chunk is ready.
    bool wait_first();
    /// Reader: the next chunk into `chunk`; false once the writer finished and the queue is empty.
    bool pop(std::string& chunk);
    /// Reader: what ended the writer (null if it finished cleanly or has not finished).
    [[nodiscard]] std::exception_ptr error();
    /// Reader: gone; the writer's next push throws ClientGone.
    void close();

private:
    std::mutex m_mutex;
    std::condition_variable m_changed;
    std::deque<std::string> m_chunks;
    std::size_t m_capacity;
    bool m_finished = false;
    bool m_closed = false;
    std::exception_ptr m_error;
};

/// An ostream whose output goes to a ChunkChannel in chunks of `chunk_size` bytes.
class ChannelStream : public std::ostream {
public:
    explicit ChannelStream(ChunkChannel& channel, std::size_t chunk_size = 64 * 1024);

private:
    class Buffer : public std::streambuf {
    public:
        Buffer(ChunkChannel& channel, std::size_t chunk_size);

    protected:
        int_type overflow(int_type c) override;
        int sync() override;

    private:
        void send();
        ChunkChannel& m_channel;
        std::string m_buffer;
    };
    Buffer m_buffer;
};

} // namespace dateline::server
