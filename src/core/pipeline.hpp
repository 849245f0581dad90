// Two threads over one long list: a producer thread reads items (the check's results read
// back, lines of the workbook) while the calling thread uses them (the year report built,
// the workbook written: libxlsxwriter is not shared between threads). Items are handed over
// in order through a short queue, so memory stays bounded by the queue.
//
//   pipelined<Batch>([&](const auto& push) { for (...) push(render(...)); },
//                    [&](Batch& b) { write(b); });
//
// An exception in either side stops both and is rethrown here (the producer's first).
#pragma once

#include <condition_variable>
#include <cstddef>
#include <deque>
#include <exception>
#include <functional>
#include <mutex>
#include <thread>
#include <utility>

namespace tonghop {

template <class T>
void pipelined(const std::function<void(const std::function<void(T&&)>& push)>& produce,
               const std::function<void(T&)>& consume, std::size_t depth = 32) {
  struct Stopped {};  // the consumer gave up: unwinds the producer
  std::mutex mu;
  std::condition_variable changed;
  std::deque<T> queue;
  bool done = false, stopped = false;
  std::exception_ptr failed;
  std::thread producer([&] {
    try {
      produce([&](T&& item) {
        std::unique_lock lock(mu);
        changed.wait(lock, [&] { return queue.size() < depth || stopped; });
        if (stopped) throw Stopped{};
        queue.push_back(std::move(item));
        changed.notify_all();
      });
    } catch (const Stopped&) {
    } catch (...) {
      std::lock_guard lock(mu);
      failed = std::current_exception();
    }
    std::lock_guard lock(mu);
    done = true;
    changed.notify_all();
  });
  try {
    for (;;) {
      T item;
      {
        std::unique_lock lock(mu);
        changed.wait(lock, [&] { return !queue.empty() || done; });
        if (queue.empty()) break;  // done, and every item taken
        item = std::move(queue.front());
        queue.pop_front();
        changed.notify_all();
      }
      consume(item);
    }
  } catch (...) {
    {
      std::lock_guard lock(mu);
      stopped = true;
      changed.notify_all();
    }
    producer.join();
    throw;
  }
  producer.join();
  if (failed) std::rethrow_exception(failed);
}

}  // namespace tonghop
