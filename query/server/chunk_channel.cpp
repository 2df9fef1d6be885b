#include "server/chunk_channel.hpp"

namespace dateline::server {

void ChunkChannel::push(std::string chunk) {
    std::unique_lock lock(m_mutex);
    m_changed.wait(lock, [&] { return m_closed || m_chunks.size() < m_capacity; });
    if (m_closed) {
        throw ClientGone();
    }
    m_chunks.push_back(std::move(chunk));
    m_changed.notify_all();
}

void ChunkChannel::finish(std::exception_ptr error) {
    const std::lock_guard lock(m_mutex);
    m_finished = true;
    m_error = std::move(error);
    m_changed.notify_all();
}

bool ChunkChannel::wait_first() {
    std::unique_lock lock(m_mutex);
    m_changed.wait(lock, [&] { return m_finished || !m_chunks.empty(); });
    return !m_chunks.empty();
}

bool ChunkChannel::pop(std::string& chunk) {
    std::unique_lock lock(m_mutex);
    m_changed.wait(lock, [&] { return m_finished || !m_chunks.empty(); });
    if (m_chunks.empty()) {
        return false;
    }
    chunk = std::move(m_chunks.front());
    m_chunks.pop_front();
    m_changed.notify_all();
    return true;
}

std::exception_ptr ChunkChannel::error() {
    const std::lock_guard lock(m_mutex);
    return m_error;
}

void ChunkChannel::close() {
    const std::lock_guard lock(m_mutex);
    m_closed = true;
    m_chunks.clear();
    m_changed.notify_all();
}

ChannelStream::ChannelStream(ChunkChannel& channel, std::size_t chunk_size)
    : std::ostream(nullptr), m_buffer(channel, chunk_size) {
    rdbuf(&m_buffer);
    exceptions(std::ios::badbit); // a ClientGone from the buffer reaches the command
}

ChannelStream::Buffer::Buffer(ChunkChannel& channel, std::size_t chunk_size) : m_channel(channel) {
    m_buffer.resize(chunk_size);
    setp(m_buffer.data(), m_buffer.data() + m_buffer.size());
}

ChannelStream::Buffer::int_type ChannelStream::Buffer::overflow(int_type c) {
    send();
    if (!traits_type::eq_int_type(c, traits_type::eof())) {
        *pptr() = traits_type::to_char_type(c);
        pbump(1);
    }
    return traits_type::not_eof(c);
}

int ChannelStream::Buffer::sync() {
    send();
    return 0;
}

void ChannelStream::Buffer::send() {
    const auto size = static_cast<std::size_t>(pptr() - pbase());
    if (size > 0) {
        m_channel.push(std::string(pbase(), size));
    }
    setp(m_buffer.data(), m_buffer.data() + m_buffer.size());
}

} // namespace dateline::server
