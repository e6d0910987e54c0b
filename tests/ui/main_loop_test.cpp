// The main loop under systemd: READY=1 after the first frame, WATCHDOG=1 while the
// loop turns, and an exit with code 70 after repeated failing frames. Runs on SDL's
// dummy video driver with a NOTIFY_SOCKET made by the test, as systemd would.
#include <SDL.h>
#include <poll.h>
#include <spawn.h>
#include <sys/mman.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <unistd.h>
#include <algorithm>
#include <atomic>
#include <catch2/catch.hpp>
#include <cerrno>
#include <csignal>
#include <cstdint>
#include <cstring>
#include <filesystem>
#include <mutex>
#include <thread>
#include <vector>

#include "app/main_loop.h"
#include "test_support.h"
#include "ui/renderer.h"

extern char** environ;

using namespace mk;

namespace {

// A unix datagram socket named by NOTIFY_SOCKET while it lives, read on a thread of
// its own as systemd would: an unread socket fills up and blocks the sender.
class NotifySocket {
 public:
  explicit NotifySocket(const std::string& name) {
    path_ = (std::filesystem::temp_directory_path() / ("medkiosk-" + name + "-" + std::to_string(getpid()))).string();
    ::unlink(path_.c_str());
    fd_ = ::socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0);
    REQUIRE(fd_ >= 0);
    sockaddr_un addr{};
    addr.sun_family = AF_UNIX;
    std::strncpy(addr.sun_path, path_.c_str(), sizeof addr.sun_path - 1);
    REQUIRE(::bind(fd_, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0);
    ::setenv("NOTIFY_SOCKET", path_.c_str(), 1);
    reader_ = std::thread([this] { read(); });
  }
  ~NotifySocket() {
    ::unsetenv("NOTIFY_SOCKET");
    stop_ = true;
    reader_.join();
    ::close(fd_);
    ::unlink(path_.c_str());
  }
  NotifySocket(const NotifySocket&) = delete;
  NotifySocket& operator=(const NotifySocket&) = delete;

  // Waits up to `timeoutMs` for a message containing `want`.
  bool waitFor(const std::string& want, int timeoutMs) {
    for (std::int64_t end = app::monotonicMs() + timeoutMs; app::monotonicMs() < end;) {
      if (count(want) > 0) return true;
      std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    return count(want) > 0;
  }
  std::vector<std::string> messages() {
    std::lock_guard<std::mutex> lock(mutex_);
    return messages_;
  }
  int count(const std::string& want) {
    int n = 0;
    for (const auto& m : messages()) n += m.find(want) != std::string::npos;
    return n;
  }

 private:
  void read() {
    while (!stop_) {
      pollfd p{fd_, POLLIN, 0};
      if (::poll(&p, 1, 20) <= 0) continue;
      char buf[512];
      ssize_t n = ::recv(fd_, buf, sizeof buf, 0);
      if (n <= 0) continue;
      std::lock_guard<std::mutex> lock(mutex_);
      messages_.emplace_back(buf, static_cast<std::size_t>(n));
    }
  }

  std::string path_;
  int fd_ = -1;
  std::atomic<bool> stop_{false};
  std::mutex mutex_;
  std::vector<std::string> messages_;
  std::thread reader_;
};

// SDL on its dummy video driver with a window and the App in it.
struct DummyWindow {
  SDL_Window* window = nullptr;
  std::unique_ptr<app::App> app;
  std::unique_ptr<ui::Renderer> renderer;
  DummyWindow() {
    ::setenv("SDL_VIDEODRIVER", "dummy", 1);
    REQUIRE(SDL_Init(SDL_INIT_VIDEO) == 0);
    window = SDL_CreateWindow("test", 0, 0, 540, 960, 0);
    REQUIRE(window);
    app = std::make_unique<app::App>(app::Options{}, "medkiosk_ui_tests", app::monotonicMs());
    renderer = ui::Renderer::forWindow(window, false);
    REQUIRE(renderer);
    app->ui().setRenderer(renderer.get());
  }
  ~DummyWindow() {
    app.reset();
    renderer.reset();
    SDL_DestroyWindow(window);
    SDL_Quit();
  }
};

// Sets WATCHDOG_USEC for this process while it lives.
struct WatchdogEnv {
  explicit WatchdogEnv(const char* usec) {
    ::setenv("WATCHDOG_USEC", usec, 1);
    ::unsetenv("WATCHDOG_PID");
  }
  ~WatchdogEnv() { ::unsetenv("WATCHDOG_USEC"); }
};

}  // namespace

TEST_CASE("frames that keep failing end the loop with exit code 70 after READY and WATCHDOG") {
  NotifySocket socket("notify-fail");
  WatchdogEnv watchdog("30000");
  test::LogCapture logs;
  DummyWindow w;
  int frames = 0;
  // Three good frames, then every frame throws from the middle of the ImGui frame.
  w.app->ui().setFrameFaultHook([&] {
    if (++frames > 3) throw std::runtime_error("injected fault");
  });
  int rc = app::runLoop(*w.app, *w.renderer, w.window);
  CHECK(rc == app::kExitFramesFailed);
  CHECK(frames == 3 + app::kMaxFailedFrames);
  CHECK(socket.waitFor("STOPPING=1", 2000));
  REQUIRE(socket.count("READY=1") == 1);
  CHECK(socket.count("WATCHDOG=1") >= 1);
  CHECK(socket.messages().front() == "READY=1");  // nothing before the first frame
  CHECK(logs.contains("frame failed (1 of 5 in a row): injected fault"));
  CHECK(logs.contains("frame failed (5 of 5 in a row): injected fault"));
  CHECK(logs.contains("exiting so that systemd restarts the kiosk"));
}

TEST_CASE("a frame that fails once is logged, and the next frames draw normally") {
  NotifySocket socket("notify-once");
  test::LogCapture logs;
  DummyWindow w;
  int frames = 0;
  w.app->ui().setFrameFaultHook([&] {
    ++frames;
    if (frames == 2) throw std::runtime_error("one bad frame");
    if (frames == 6) {
      SDL_Event quit{};
      quit.type = SDL_QUIT;
      SDL_PushEvent(&quit);
    }
  });
  int rc = app::runLoop(*w.app, *w.renderer, w.window);
  CHECK(rc == 0);
  CHECK(frames >= 6);
  CHECK(logs.contains("frame failed (1 of 5 in a row): one bad frame"));
  CHECK_FALSE(logs.contains("2 of 5"));
  // The frames after the failure really drew: the attract screen's targets are there.
  CHECK_FALSE(w.app->ui().registry().targets.empty());
  CHECK(socket.waitFor("READY=1", 1000));
  CHECK(socket.count("WATCHDOG=1") == 0);  // no WATCHDOG_USEC, no pings
}

TEST_CASE("the medkiosk binary notifies systemd READY=1, pings the watchdog and stops on SIGTERM") {
  NotifySocket socket("notify-binary");
  std::string exe = std::string(MEDKIOSK_BINARY_DIR) + "/medkiosk";
  std::vector<std::string> env;
  for (char** e = environ; *e; ++e) env.emplace_back(*e);
  env.emplace_back("SDL_VIDEODRIVER=dummy");
  env.emplace_back("SDL_AUDIODRIVER=dummy");
  env.emplace_back("WATCHDOG_USEC=300000");
  std::vector<char*> envp;
  for (auto& e : env) envp.push_back(e.data());
  envp.push_back(nullptr);
  std::vector<std::string> args = {exe, "--windowed", "--size", "540x960"};
  std::vector<char*> argv;
  for (auto& a : args) argv.push_back(a.data());
  argv.push_back(nullptr);
  pid_t pid = 0;
  REQUIRE(posix_spawn(&pid, exe.c_str(), nullptr, nullptr, argv.data(), envp.data()) == 0);
  // Startup under AddressSanitizer takes a few seconds.
  bool ready = socket.waitFor("READY=1", 60'000);
  bool pinged = ready && socket.waitFor("WATCHDOG=1", 5'000);
  ::kill(pid, SIGTERM);
  int status = 0;
  ::waitpid(pid, &status, 0);
  CHECK(ready);
  CHECK(pinged);
  CHECK(socket.waitFor("STOPPING=1", 1000));
  REQUIRE(WIFEXITED(status));
  CHECK(WEXITSTATUS(status) == 0);
}

TEST_CASE("a window drawn in software is sent only the rows that changed") {
  DummyWindow w;
  auto& k = w.app->kiosk();
  const int height = w.renderer->height();
  REQUIRE(height == 960);
  std::int64_t now = app::monotonicMs();
  k.start(now);
  k.chooseLanguage("en", now);
  k.chooseSection("pregnancy", now);
  auto frame = [&] {
    w.app->ui().frame(now += 16);
    w.renderer->present();
    return w.renderer->lastPresentedRows();
  };
  frame();              // the section is laid out
  CHECK(frame() == 0);  // nothing changed: nothing is sent
  CHECK(frame() == 0);
  REQUIRE(k.session().scroll.maxOffset() > 200);
  k.session().scroll.jumpTo(200);
  const int scrolled = frame();
  CHECK(scrolled > 0);
  CHECK(scrolled < height * 3 / 4);  // the banner, rail and toolbar stayed where they were
  CHECK(scrolled == w.renderer->lastRedrawnRows());
  // After a window event (a new or exposed surface) every row is sent again.
  w.renderer->invalidate();
  CHECK(frame() == height);
}

TEST_CASE("SDL's large allocations are present before SDL first writes them") {
  ui::populateLargeSdlAllocations();
  const long page = ::sysconf(_SC_PAGESIZE);
  // The share of the whole pages in [p, p + size) that are in memory.
  auto resident = [page](void* p, std::size_t size) {
    auto begin = (reinterpret_cast<std::uintptr_t>(p) + page - 1) / page * page;
    auto end = (reinterpret_cast<std::uintptr_t>(p) + size) / page * page;
    std::vector<unsigned char> in((end - begin) / page);
    REQUIRE(::mincore(reinterpret_cast<void*>(begin), end - begin, in.data()) == 0);
    return static_cast<double>(std::count_if(in.begin(), in.end(), [](unsigned char c) { return c & 1; })) /
           static_cast<double>(in.size());
  };
  // Larger than glibc's largest mmap threshold (32 MiB), so that it is always a fresh
  // mapping, none of it in memory unless it was populated.
  const std::size_t large = std::size_t{40} << 20;
  void* texture = SDL_malloc(large);
  REQUIRE(texture);
  CHECK(resident(texture, large) == 1.0);
  SDL_free(texture);
}
