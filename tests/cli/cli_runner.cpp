#include "cli/cli_runner.h"
#include "test_backend.h"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <system_error>

namespace kinbridge::cli::test {

namespace {

// A run that takes longer than this is a hang; the program is killed and the test fails.
constexpr int kTimeoutMs = 60'000;

std::string EnvOr(const char* name, const char* fallback) {
  const char* value = std::getenv(name);
  return value != nullptr && *value != '\0' ? value : fallback;
}

// Closes a file descriptor once, on scope exit or on Close().
class Fd {
 public:
  explicit Fd(int fd = -1) : fd_(fd) {}
  Fd(const Fd&) = delete;
  Fd& operator=(const Fd&) = delete;
  ~Fd() { Close(); }
  int get() const { return fd_; }
  void Close() {
    if (fd_ >= 0) ::close(fd_);
    fd_ = -1;
  }

 private:
  int fd_;
};

CliResult Failed(const std::string& what) {
  CliResult result;
  result.err = what + ": " + std::strerror(errno);
  return result;
}

}  // namespace

std::map<std::string, std::string> BaseEnvironment() {
  return {
      {"PATH", EnvOr("PATH", "/usr/local/bin:/usr/bin:/bin")},
      {"HOME", EnvOr("HOME", "/tmp")},
      {"LANG", "C.UTF-8"},
      {"KINBRIDGE_LOCALEDIR", KINBRIDGE_TEST_LOCALEDIR},
      {"KINBRIDGE_TODAY", "2026-11-29"},
      {"KINBRIDGE_NOW", "2026-11-29T10:00:00Z"},
  };
}

CliResult RunCli(const std::vector<std::string>& args,
                 const std::map<std::string, std::string>& extra_env) {
  std::map<std::string, std::string> env = BaseEnvironment();
  for (const auto& [name, value] : extra_env) env[name] = value;
  return RunProgram(KINBRIDGE_CLI_PATH, args, env);
}

CliResult RunProgram(const std::string& program, const std::vector<std::string>& args,
                     const std::map<std::string, std::string>& env) {
  int out_pipe[2];
  int err_pipe[2];
  if (::pipe2(out_pipe, O_CLOEXEC) != 0) return Failed("pipe");
  Fd out_read(out_pipe[0]), out_write(out_pipe[1]);
  if (::pipe2(err_pipe, O_CLOEXEC) != 0) return Failed("pipe");
  Fd err_read(err_pipe[0]), err_write(err_pipe[1]);

  std::vector<std::string> argv_text = {program};
  argv_text.insert(argv_text.end(), args.begin(), args.end());
  std::vector<char*> argv;
  for (std::string& arg : argv_text) argv.push_back(arg.data());
  argv.push_back(nullptr);
  std::vector<std::string> env_text;
  for (const auto& [name, value] : env) env_text.push_back(name + "=" + value);
  std::vector<char*> envp;
  for (std::string& entry : env_text) envp.push_back(entry.data());
  envp.push_back(nullptr);

  // dup2 clears close-on-exec on the copies; the originals close on exec.
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, STDIN_FILENO, "/dev/null", O_RDONLY, 0);
  posix_spawn_file_actions_adddup2(&actions, out_write.get(), STDOUT_FILENO);
  posix_spawn_file_actions_adddup2(&actions, err_write.get(), STDERR_FILENO);
  pid_t pid = 0;
  const int spawned =
      ::posix_spawn(&pid, program.c_str(), &actions, nullptr, argv.data(), envp.data());
  posix_spawn_file_actions_destroy(&actions);
  if (spawned != 0) {
    errno = spawned;
    return Failed("posix_spawn " + program);
  }
  out_write.Close();
  err_write.Close();

  // Read both pipes as data arrives so that neither can fill up and block the program.
  CliResult result;
  bool timed_out = false;
  pollfd fds[2] = {{out_read.get(), POLLIN, 0}, {err_read.get(), POLLIN, 0}};
  std::string* sinks[2] = {&result.out, &result.err};
  while (fds[0].fd >= 0 || fds[1].fd >= 0) {
    const int ready = ::poll(fds, 2, kTimeoutMs);
    if (ready < 0 && errno == EINTR) continue;
    if (ready <= 0) {
      timed_out = true;
      ::kill(pid, SIGKILL);
      break;
    }
    for (int i = 0; i < 2; ++i) {
      if (fds[i].fd < 0 || fds[i].revents == 0) continue;
      char buffer[4096];
      const ssize_t n = ::read(fds[i].fd, buffer, sizeof buffer);
      if (n > 0) {
        sinks[i]->append(buffer, static_cast<std::size_t>(n));
      } else if (n == 0 || errno != EINTR) {
        fds[i].fd = -1;  // End of file (or a read error): stop polling this pipe.
      }
    }
  }

  int status = 0;
  while (::waitpid(pid, &status, 0) < 0 && errno == EINTR) {
  }
  if (WIFEXITED(status)) {
    result.exit_code = WEXITSTATUS(status);
  } else if (WIFSIGNALED(status)) {
    result.exit_code = 128 + WTERMSIG(status);
  }
  if (timed_out)
    result.err += "\n[test runner: killed after " + std::to_string(kTimeoutMs) + " ms]";
  return result;
}

void CliTestBase::SetUp() {
  std::string pattern = (std::filesystem::temp_directory_path() / "kinbridge-cli-XXXXXX").string();
  ASSERT_NE(::mkdtemp(pattern.data()), nullptr) << "mkdtemp: " << std::strerror(errno);
  dir_ = pattern;
}

std::string CliTestBase::WorkspaceIn(const std::string& name) const {
  return testing_support::TestWorkspace(dir_ / name);
}

void CliTestBase::TearDown() {
  if (dir_.empty()) return;
  std::error_code ec;
  std::filesystem::remove_all(dir_, ec);
  EXPECT_FALSE(ec) << "removing " << dir_ << ": " << ec.message();
}

}  // namespace kinbridge::cli::test
