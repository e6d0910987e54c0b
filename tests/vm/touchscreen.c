/* A virtual multitouch screen for the booted kiosk (scripts/vm-test), made with
 * uinput so that the kernel, udev, libinput, cage and SDL see it exactly as they see
 * a USB touch screen: a direct (INPUT_PROP_DIRECT) device with the multitouch
 * protocol B (ABS_MT_SLOT, ABS_MT_TRACKING_ID, ABS_MT_POSITION_X/Y) plus the
 * single-touch axes and BTN_TOUCH that udev's input_id looks for before it tags
 * ID_INPUT_TOUCHSCREEN. Coordinates are the screen's pixels: libinput maps the
 * device's whole range onto the output.
 *
 *   touchscreen serve DIR WIDTH HEIGHT   create the device, then run the commands
 *                                        written to DIR/cmd (a FIFO) one at a time
 *                                        and answer each on DIR/ack
 *   touchscreen send DIR COMMAND...      send one command and wait for its answer
 *
 * Commands: tap X Y | drag X1 Y1 X2 Y2 MS | hold X Y MS | quit. A drag moves every
 * 10 ms and lifts at once after its last move, so a short drag is a fling.
 * Built on the host by scripts/vm-test (only libc and the kernel's headers) and
 * copied into the guest: the guest has no compiler and no Python. */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <linux/uinput.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

static int fail(const char* what) {
  fprintf(stderr, "touchscreen: %s: %s\n", what, strerror(errno));
  return 1;
}

static void pause_ms(long ms) {
  struct timespec ts = {ms / 1000, (ms % 1000) * 1000000L};
  while (nanosleep(&ts, &ts) < 0 && errno == EINTR) {
  }
}

static int emit(int fd, int type, int code, int value) {
  struct input_event ev;
  memset(&ev, 0, sizeof ev);
  ev.type = (unsigned short)type;
  ev.code = (unsigned short)code;
  ev.value = value;
  return write(fd, &ev, sizeof ev) == (ssize_t)sizeof ev ? 0 : -1;
}

static int abs_axis(int fd, int code, int max, int resolution) {
  struct uinput_abs_setup abs;
  memset(&abs, 0, sizeof abs);
  abs.code = (unsigned short)code;
  abs.absinfo.maximum = max;
  abs.absinfo.resolution = resolution;
  return ioctl(fd, UI_ABS_SETUP, &abs);
}

static int create_device(int width, int height) {
  int fd = open("/dev/uinput", O_WRONLY | O_CLOEXEC);
  if (fd < 0) return -1;
  /* About 4 units per mm: a 27 cm wide screen at 1080 pixels. libinput wants a
   * resolution for touch screens; the value only scales its thresholds. */
  int ok = ioctl(fd, UI_SET_EVBIT, EV_KEY) == 0 && ioctl(fd, UI_SET_KEYBIT, BTN_TOUCH) == 0 &&
           ioctl(fd, UI_SET_EVBIT, EV_ABS) == 0 && ioctl(fd, UI_SET_PROPBIT, INPUT_PROP_DIRECT) == 0 &&
           abs_axis(fd, ABS_X, width - 1, 4) == 0 && abs_axis(fd, ABS_Y, height - 1, 4) == 0 &&
           abs_axis(fd, ABS_MT_SLOT, 9, 0) == 0 && abs_axis(fd, ABS_MT_TRACKING_ID, 65535, 0) == 0 &&
           abs_axis(fd, ABS_MT_POSITION_X, width - 1, 4) == 0 && abs_axis(fd, ABS_MT_POSITION_Y, height - 1, 4) == 0;
  struct uinput_setup setup;
  memset(&setup, 0, sizeof setup);
  setup.id.bustype = BUS_USB;
  setup.id.vendor = 0x1d6b; /* Linux Foundation: a virtual device */
  setup.id.product = 0x0104;
  snprintf(setup.name, sizeof setup.name, "Medkiosk test touchscreen");
  if (!ok || ioctl(fd, UI_DEV_SETUP, &setup) < 0 || ioctl(fd, UI_DEV_CREATE) < 0) {
    close(fd);
    return -1;
  }
  return fd;
}

static int tracking_id = 1;

static int touch_down(int fd, int x, int y) {
  return emit(fd, EV_ABS, ABS_MT_SLOT, 0) | emit(fd, EV_ABS, ABS_MT_TRACKING_ID, tracking_id++) |
         emit(fd, EV_ABS, ABS_MT_POSITION_X, x) | emit(fd, EV_ABS, ABS_MT_POSITION_Y, y) |
         emit(fd, EV_KEY, BTN_TOUCH, 1) | emit(fd, EV_ABS, ABS_X, x) | emit(fd, EV_ABS, ABS_Y, y) |
         emit(fd, EV_SYN, SYN_REPORT, 0);
}

static int touch_move(int fd, int x, int y) {
  return emit(fd, EV_ABS, ABS_MT_POSITION_X, x) | emit(fd, EV_ABS, ABS_MT_POSITION_Y, y) | emit(fd, EV_ABS, ABS_X, x) |
         emit(fd, EV_ABS, ABS_Y, y) | emit(fd, EV_SYN, SYN_REPORT, 0);
}

static int touch_up(int fd) {
  return emit(fd, EV_ABS, ABS_MT_TRACKING_ID, -1) | emit(fd, EV_KEY, BTN_TOUCH, 0) | emit(fd, EV_SYN, SYN_REPORT, 0);
}

static int drag(int fd, int x1, int y1, int x2, int y2, int ms) {
  int steps = ms / 10 > 1 ? ms / 10 : 1;
  int rc = touch_down(fd, x1, y1);
  for (int i = 1; i <= steps; ++i) {
    pause_ms(10);
    rc |= touch_move(fd, x1 + (x2 - x1) * i / steps, y1 + (y2 - y1) * i / steps);
  }
  return rc | touch_up(fd);
}

/* Runs one command line; returns 0, or -1 with the reason in `why`. */
static int run(int fd, const char* line, char* why, size_t why_size, int* quit) {
  char verb[16] = "";
  int a[5] = {0};
  int n = sscanf(line, "%15s %d %d %d %d %d", verb, &a[0], &a[1], &a[2], &a[3], &a[4]);
  int rc;
  if (strcmp(verb, "tap") == 0 && n == 3) {
    rc = touch_down(fd, a[0], a[1]);
    pause_ms(60);
    rc |= touch_up(fd);
  } else if (strcmp(verb, "hold") == 0 && n == 4) {
    rc = touch_down(fd, a[0], a[1]);
    pause_ms(a[2]);
    rc |= touch_up(fd);
  } else if (strcmp(verb, "drag") == 0 && n == 6) {
    rc = drag(fd, a[0], a[1], a[2], a[3], a[4]);
  } else if (strcmp(verb, "quit") == 0 && n == 1) {
    *quit = 1;
    rc = 0;
  } else {
    snprintf(why, why_size, "bad command '%.200s' (tap X Y | drag X1 Y1 X2 Y2 MS | hold X Y MS | quit)", line);
    return -1;
  }
  if (rc != 0) snprintf(why, why_size, "writing events: %s", strerror(errno));
  return rc == 0 ? 0 : -1;
}

static int read_line(const char* path, char* buf, size_t size) {
  FILE* f = fopen(path, "re");
  if (!f) return -1;
  int ok = fgets(buf, (int)size, f) != NULL;
  fclose(f);
  if (!ok) return -1;
  buf[strcspn(buf, "\n")] = '\0';
  return 0;
}

static int write_line(const char* path, const char* text) {
  FILE* f = fopen(path, "we");
  if (!f) return -1;
  int ok = fprintf(f, "%s\n", text) > 0;
  return fclose(f) == 0 && ok ? 0 : -1;
}

static int serve(const char* dir, int width, int height) {
  char cmd[512], ack[512];
  snprintf(cmd, sizeof cmd, "%s/cmd", dir);
  snprintf(ack, sizeof ack, "%s/ack", dir);
  unlink(cmd);
  unlink(ack);
  if (mkfifo(cmd, 0600) < 0 || mkfifo(ack, 0600) < 0) return fail("mkfifo");
  int fd = create_device(width, height);
  if (fd < 0) return fail("creating the uinput device");
  for (int quit = 0; !quit;) {
    char line[256], why[300] = "ok";
    if (read_line(cmd, line, sizeof line) < 0) continue; /* a writer closed without a line */
    if (run(fd, line, why, sizeof why, &quit) < 0) fprintf(stderr, "touchscreen: %s\n", why);
    if (write_line(ack, why) < 0) return fail("answering");
  }
  ioctl(fd, UI_DEV_DESTROY);
  close(fd);
  unlink(cmd);
  unlink(ack);
  return 0;
}

static int send_command(const char* dir, int argc, char** argv) {
  char cmd[512], ack[512], line[256] = "", answer[300];
  snprintf(cmd, sizeof cmd, "%s/cmd", dir);
  snprintf(ack, sizeof ack, "%s/ack", dir);
  for (int i = 0; i < argc; ++i) {
    strncat(line, argv[i], sizeof line - strlen(line) - 2);
    if (i + 1 < argc) strcat(line, " ");
  }
  if (write_line(cmd, line) < 0) return fail(cmd);
  if (read_line(ack, answer, sizeof answer) < 0) return fail(ack);
  printf("%s\n", answer);
  return strcmp(answer, "ok") == 0 ? 0 : 1;
}

int main(int argc, char** argv) {
  if (argc == 5 && strcmp(argv[1], "serve") == 0) {
    int w = atoi(argv[3]), h = atoi(argv[4]);
    if (w < 2 || h < 2) {
      fprintf(stderr, "touchscreen: WIDTH and HEIGHT must be pixel counts\n");
      return 2;
    }
    return serve(argv[2], w, h);
  }
  if (argc >= 4 && strcmp(argv[1], "send") == 0) return send_command(argv[2], argc - 3, argv + 3);
  fprintf(stderr, "usage: touchscreen serve DIR WIDTH HEIGHT | touchscreen send DIR COMMAND...\n");
  return 2;
}
