// HostServices for tests: a fixed date and language, and a log that tests can read.
#pragma once

#include <mutex>
#include <string>
#include <string_view>
#include <vector>

#include "kinbridge/plugin/host_services.h"

namespace kinbridge::test {

class TestServices final : public plugin::HostServices {
 public:
  void Log(plugin::LogLevel, std::string_view message) override {
    std::lock_guard<std::mutex> lock(mutex_);
    log_.emplace_back(message);
  }
  std::string Today() const override { return "2026-03-02"; }
  std::string Language() const override { return "en"; }

  std::vector<std::string> log() const {
    std::lock_guard<std::mutex> lock(mutex_);
    return log_;
  }

 private:
  mutable std::mutex mutex_;
  std::vector<std::string> log_;
};

}  // namespace kinbridge::test
