#pragma once

#include <algorithm>
#include <compare>
#include <cstddef>
#include <initializer_list>
#include <iterator>
#include <memory>
#include <span>
#include <utility>
#include <vector>

namespace reciprocal::widgets {

// An append-only sequence whose copies share their elements: the elements live in chunks of
// chunkSize that no log changes once it holds them, so a copy costs a pointer per chunk and no
// element. Snapshots carry the run's curves and spectra, which grow every epoch, ten times a
// second: shared, a snapshot costs the same at epoch 100 as at epoch 1.
//
// Appending (or replacing the newest element) gives this log a new last chunk, copied from the old
// one, so no copy of the log ever sees the change. A log made afresh shares nothing with any
// other: a new session starts new logs, and no view can mix two sessions' records.
template <typename T> class SharedLog {
public:
    // An append copies up to chunkSize - 1 elements, a copy of the log size / chunkSize pointers:
    // both stay small in a run of a thousand epochs of 100 loss points each.
    static constexpr std::size_t chunkSize = 256;

    class const_iterator;

    SharedLog() = default;
    explicit SharedLog(std::span<const T> elements)
    {
        for (std::size_t start = 0; start < elements.size(); start += chunkSize) {
            const std::span<const T> part = elements.subspan(start, std::min(chunkSize, elements.size() - start));
            m_chunks.push_back(std::make_shared<const std::vector<T>>(part.begin(), part.end()));
        }
        m_size = elements.size();
    }
    SharedLog(std::initializer_list<T> elements)
        : SharedLog(std::span<const T>(elements.begin(), elements.size()))
    {
    }

    std::size_t size() const { return m_size; }
    bool empty() const { return m_size == 0; }
    const T& operator[](std::size_t index) const { return (*m_chunks[index / chunkSize])[index % chunkSize]; }
    const T& front() const { return (*this)[0]; }
    const T& back() const { return (*this)[m_size - 1]; }
    const_iterator begin() const { return {this, 0}; }
    const_iterator end() const { return {this, static_cast<std::ptrdiff_t>(m_size)}; }

    void push_back(T element)
    {
        if (m_size % chunkSize == 0)
            m_chunks.push_back(grown({}, std::move(element)));
        else
            m_chunks.back() = grown(*m_chunks.back(), std::move(element));
        ++m_size;
    }

    // For a record completed after it was logged (an epoch's test accuracy); the log must not be empty.
    void replaceBack(T element)
    {
        const std::vector<T>& last = *m_chunks.back();
        m_chunks.back() = grown(std::span<const T>(last).first(last.size() - 1), std::move(element));
    }

private:
    // A new chunk: the elements, then the element.
    static std::shared_ptr<const std::vector<T>> grown(std::span<const T> elements, T element)
    {
        auto chunk = std::make_shared<std::vector<T>>();
        chunk->reserve(elements.size() + 1);
        chunk->assign(elements.begin(), elements.end());
        chunk->push_back(std::move(element));
        return chunk;
    }

    std::vector<std::shared_ptr<const std::vector<T>>> m_chunks;
    std::size_t m_size = 0;
};

// Reads the log it was taken from by index, so that the views' algorithms (lower_bound, min_element,
// prev) work on a log as on a vector.
template <typename T> class SharedLog<T>::const_iterator {
public:
    using iterator_concept = std::random_access_iterator_tag;
    using iterator_category = std::random_access_iterator_tag;
    using value_type = T;
    using difference_type = std::ptrdiff_t;
    using pointer = const T*;
    using reference = const T&;

    const_iterator() = default;

    reference operator*() const { return (*m_log)[static_cast<std::size_t>(m_index)]; }
    pointer operator->() const { return &**this; }
    reference operator[](difference_type offset) const { return *(*this + offset); }

    const_iterator& operator++() { return *this += 1; }
    const_iterator& operator--() { return *this -= 1; }
    const_iterator operator++(int) { return std::exchange(*this, *this + 1); }
    const_iterator operator--(int) { return std::exchange(*this, *this - 1); }
    const_iterator& operator+=(difference_type offset)
    {
        m_index += offset;
        return *this;
    }
    const_iterator& operator-=(difference_type offset) { return *this += -offset; }

    friend const_iterator operator+(const_iterator at, difference_type offset) { return at += offset; }
    friend const_iterator operator+(difference_type offset, const_iterator at) { return at += offset; }
    friend const_iterator operator-(const_iterator at, difference_type offset) { return at -= offset; }
    friend difference_type operator-(const const_iterator& a, const const_iterator& b) { return a.m_index - b.m_index; }
    friend bool operator==(const const_iterator& a, const const_iterator& b) { return a.m_index == b.m_index; }
    friend std::strong_ordering operator<=>(const const_iterator& a, const const_iterator& b)
    {
        return a.m_index <=> b.m_index;
    }

private:
    friend class SharedLog;
    const_iterator(const SharedLog* log, difference_type index)
        : m_log(log)
        , m_index(index)
    {
    }

    const SharedLog* m_log = nullptr;
    difference_type m_index = 0;
};

} // namespace reciprocal::widgets
