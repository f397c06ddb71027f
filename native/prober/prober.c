/*
 * linkguard's native prober: raw ICMP echo and ARP sockets bound to one device, read by
 * libuv's poll on node's own loop (no thread per socket), with kernel receive timestamps
 * (SO_TIMESTAMPNS) and the send time taken just before sendto() (on loopback the reply is
 * stamped inside the sendto call). Packets are built and
 * decoded in TypeScript (src/watch/probe/packets.ts); this file only moves bytes and times.
 *
 *   open(kind "icmp"|"arp"|"arp-send", ifname, onPacket(buf, t_ms)) -> handle
 *   send(handle, buf, dest IPv4 string ("icmp") | ignored (ARP: broadcast)) -> t_ms
 *   close(handle)
 *   interfaceInfo(ifname) -> { index, mac, ipv4 | null }
 *
 * Times are CLOCK_REALTIME in milliseconds with a fraction (sub-microsecond in a double).
 */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <linux/if_packet.h>
#include <net/ethernet.h>
#include <net/if.h>
#include <netinet/in.h>
#include <node_api.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>
#include <uv.h>

/* From <linux/icmp.h>, which clashes with <net/if.h>. */
#define LG_ICMP_FILTER 1
#define LG_ICMP_ECHOREPLY 0
struct lg_icmp_filter {
  uint32_t data;
};

#ifndef PACKET_IGNORE_OUTGOING
#define PACKET_IGNORE_OUTGOING 23
#endif

typedef struct {
  uv_poll_t poll;
  int fd;
  int kind; /* 0 icmp, 1 arp, 2 arp-send (sends only) */
  int ifindex;
  int closed;         /* close() called: fd closed, poll handle closing */
  int handle_closed;  /* libuv is done with the poll handle */
  int finalized;      /* the JavaScript object is gone */
  napi_env env;
  napi_ref callback;
  napi_async_context async;
} probe_socket;

#define CHECK(call)                                                   \
  do {                                                                \
    if ((call) != napi_ok) {                                          \
      napi_throw_error(env, NULL, "linkguard_prober: " #call " failed"); \
      return NULL;                                                    \
    }                                                                 \
  } while (0)

static napi_value throw_errno(napi_env env, const char *what, int err) {
  char msg[256];
  snprintf(msg, sizeof msg, "%s: %s", what, strerror(err));
  napi_value code, text, error;
  napi_create_string_utf8(env, msg, NAPI_AUTO_LENGTH, &text);
  napi_create_string_utf8(env, err == EPERM || err == EACCES ? "EPERM" : "ESOCKET",
                          NAPI_AUTO_LENGTH, &code);
  napi_create_error(env, code, text, &error);
  napi_throw(env, error);
  return NULL;
}

static double realtime_ms(void) {
  struct timespec ts;
  clock_gettime(CLOCK_REALTIME, &ts);
  return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

static int read_string(napi_env env, napi_value v, char *buf, size_t size) {
  size_t len = 0;
  if (napi_get_value_string_utf8(env, v, buf, size, &len) != napi_ok) return -1;
  return len >= size - 1 ? -1 : 0;
}

/* The struct is freed when both libuv and the garbage collector are done with it. */
static void on_closed(uv_handle_t *h) {
  probe_socket *s = (probe_socket *)h->data;
  s->handle_closed = 1;
  if (s->finalized) free(s);
}

static void close_socket(probe_socket *s) {
  if (s->closed) return;
  s->closed = 1;
  uv_poll_stop(&s->poll);
  close(s->fd);
  napi_delete_reference(s->env, s->callback);
  napi_async_destroy(s->env, s->async);
  uv_close((uv_handle_t *)&s->poll, on_closed);
}

/* Every datagram waiting on the socket goes to JavaScript with its kernel receive time. */
static void on_readable(uv_poll_t *handle, int status, int events) {
  probe_socket *s = (probe_socket *)handle->data;
  (void)events;
  if (s->closed) return;
  if (status < 0) {
    /* POLLERR (a packet socket's interface went down: ENETDOWN): libuv has stopped the
     * handle. Reading SO_ERROR clears the error; then listen again. */
    int err = 0;
    socklen_t len = sizeof err;
    getsockopt(s->fd, SOL_SOCKET, SO_ERROR, &err, &len);
    uv_poll_start(&s->poll, UV_READABLE, on_readable);
    return;
  }
  napi_env env = s->env;
  napi_handle_scope scope;
  napi_open_handle_scope(env, &scope);
  for (int n = 0; n < 64 && !s->closed; n++) {
    unsigned char buf[2048];
    char control[256];
    struct iovec iov = {.iov_base = buf, .iov_len = sizeof buf};
    struct msghdr msg = {.msg_iov = &iov, .msg_iovlen = 1, .msg_control = control,
                         .msg_controllen = sizeof control};
    ssize_t len = recvmsg(s->fd, &msg, MSG_DONTWAIT);
    if (len < 0) break;
    double t_ms = -1;
    for (struct cmsghdr *c = CMSG_FIRSTHDR(&msg); c; c = CMSG_NXTHDR(&msg, c)) {
      if (c->cmsg_level == SOL_SOCKET && c->cmsg_type == SCM_TIMESTAMPNS) {
        struct timespec ts;
        memcpy(&ts, CMSG_DATA(c), sizeof ts);
        t_ms = (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
      }
    }
    if (t_ms < 0) t_ms = realtime_ms();
    napi_value argv[2], cb, recv, result;
    void *data;
    if (napi_create_buffer_copy(env, (size_t)len, buf, &data, &argv[0]) != napi_ok) break;
    napi_create_double(env, t_ms, &argv[1]);
    napi_get_reference_value(env, s->callback, &cb);
    napi_get_global(env, &recv);
    napi_make_callback(env, s->async, recv, cb, 2, argv, &result);
    bool pending = false;
    napi_is_exception_pending(env, &pending);
    if (pending) {
      napi_value exc;
      napi_get_and_clear_last_exception(env, &exc);
      napi_fatal_exception(env, exc);
      break;
    }
  }
  napi_close_handle_scope(env, scope);
}

static void finalize_socket(napi_env env, void *data, void *hint) {
  (void)env;
  (void)hint;
  probe_socket *s = (probe_socket *)data;
  s->finalized = 1;
  /* Collected while still open: release the fd; on_closed frees the struct. */
  if (!s->closed)
    close_socket(s);
  else if (s->handle_closed)
    free(s);
}

static int open_fd(int kind, const char *ifname, int ifindex) {
  int fd;
  if (kind == 0) {
    fd = socket(AF_INET, SOCK_RAW | SOCK_NONBLOCK | SOCK_CLOEXEC, IPPROTO_ICMP);
    if (fd < 0) return -1;
    /* Only echo replies reach this socket (RFC 792 type 0). */
    struct lg_icmp_filter filter = {.data = ~(1U << LG_ICMP_ECHOREPLY)};
    setsockopt(fd, SOL_RAW, LG_ICMP_FILTER, &filter, sizeof filter);
    if (setsockopt(fd, SOL_SOCKET, SO_BINDTODEVICE, ifname, strlen(ifname)) < 0) goto fail;
  } else {
    /* "arp-send" registers no receive hook (protocol 0): it opens and closes without the
     * kernel's synchronize_net(), ~15 ms each way for a listening packet socket. */
    int proto = kind == 2 ? 0 : htons(ETH_P_ARP);
    fd = socket(AF_PACKET, SOCK_DGRAM | SOCK_NONBLOCK | SOCK_CLOEXEC, proto);
    if (fd < 0) return -1;
    struct sockaddr_ll sll = {.sll_family = AF_PACKET, .sll_protocol = (unsigned short)proto,
                              .sll_ifindex = ifindex};
    if (bind(fd, (struct sockaddr *)&sll, sizeof sll) < 0) goto fail;
    int one = 1;
    setsockopt(fd, SOL_PACKET, PACKET_IGNORE_OUTGOING, &one, sizeof one);
  }
  int on = 1;
  if (setsockopt(fd, SOL_SOCKET, SO_TIMESTAMPNS, &on, sizeof on) < 0) goto fail;
  return fd;
fail: {
  int err = errno;
  close(fd);
  errno = err;
  return -1;
}
}

static napi_value js_open(napi_env env, napi_callback_info info) {
  size_t argc = 3;
  napi_value argv[3];
  CHECK(napi_get_cb_info(env, info, &argc, argv, NULL, NULL));
  char kindname[12], ifname[IF_NAMESIZE + 1];
  if (argc < 3 || read_string(env, argv[0], kindname, sizeof kindname) ||
      read_string(env, argv[1], ifname, sizeof ifname)) {
    napi_throw_type_error(env, NULL, "open(kind, ifname, onPacket)");
    return NULL;
  }
  int kind = strcmp(kindname, "icmp") == 0       ? 0
             : strcmp(kindname, "arp") == 0      ? 1
             : strcmp(kindname, "arp-send") == 0 ? 2
                                                 : -1;
  if (kind < 0) {
    napi_throw_type_error(env, NULL, "open: kind is icmp, arp or arp-send");
    return NULL;
  }
  unsigned ifindex = if_nametoindex(ifname);
  if (ifindex == 0) return throw_errno(env, ifname, errno);
  int fd = open_fd(kind, ifname, (int)ifindex);
  if (fd < 0) return throw_errno(env, kind == 0 ? "raw ICMP socket" : "ARP packet socket", errno);

  probe_socket *s = calloc(1, sizeof *s);
  s->fd = fd;
  s->kind = kind;
  s->ifindex = (int)ifindex;
  s->env = env;
  uv_loop_t *loop;
  CHECK(napi_get_uv_event_loop(env, &loop));
  CHECK(napi_create_reference(env, argv[2], 1, &s->callback));
  napi_value name, handle, resource;
  napi_create_string_utf8(env, "linkguard:prober", NAPI_AUTO_LENGTH, &name);
  CHECK(napi_create_object(env, &resource));
  CHECK(napi_async_init(env, resource, name, &s->async));
  uv_poll_init(loop, &s->poll, fd);
  s->poll.data = s;
  uv_poll_start(&s->poll, UV_READABLE, on_readable);
  CHECK(napi_create_object(env, &handle));
  CHECK(napi_wrap(env, handle, s, finalize_socket, NULL, NULL));
  return handle;
}

static probe_socket *unwrap(napi_env env, napi_value v) {
  probe_socket *s = NULL;
  if (napi_unwrap(env, v, (void **)&s) != napi_ok || !s || s->closed) {
    napi_throw_error(env, NULL, "linkguard_prober: socket is closed");
    return NULL;
  }
  return s;
}

static napi_value js_send(napi_env env, napi_callback_info info) {
  size_t argc = 3;
  napi_value argv[3];
  CHECK(napi_get_cb_info(env, info, &argc, argv, NULL, NULL));
  if (argc < 2) {
    napi_throw_type_error(env, NULL, "send(handle, buf, dest)");
    return NULL;
  }
  probe_socket *s = unwrap(env, argv[0]);
  if (!s) return NULL;
  void *data;
  size_t len;
  CHECK(napi_get_buffer_info(env, argv[1], &data, &len));
  ssize_t sent;
  double t_ms;
  if (s->kind == 0) {
    char dest[INET_ADDRSTRLEN + 1];
    struct sockaddr_in sin = {.sin_family = AF_INET};
    if (argc < 3 || read_string(env, argv[2], dest, sizeof dest) ||
        inet_pton(AF_INET, dest, &sin.sin_addr) != 1) {
      napi_throw_type_error(env, NULL, "send: dest is an IPv4 address");
      return NULL;
    }
    t_ms = realtime_ms();
    sent = sendto(s->fd, data, len, 0, (struct sockaddr *)&sin, sizeof sin);
  } else {
    struct sockaddr_ll sll = {.sll_family = AF_PACKET, .sll_protocol = htons(ETH_P_ARP),
                              .sll_ifindex = s->ifindex, .sll_halen = ETH_ALEN};
    memset(sll.sll_addr, 0xff, ETH_ALEN);
    t_ms = realtime_ms();
    sent = sendto(s->fd, data, len, 0, (struct sockaddr *)&sll, sizeof sll);
  }
  if (sent < 0) return throw_errno(env, "sendto", errno);
  napi_value out;
  CHECK(napi_create_double(env, t_ms, &out));
  return out;
}

static napi_value js_close(napi_env env, napi_callback_info info) {
  size_t argc = 1;
  napi_value argv[1];
  CHECK(napi_get_cb_info(env, info, &argc, argv, NULL, NULL));
  probe_socket *s = NULL;
  if (argc >= 1 && napi_unwrap(env, argv[0], (void **)&s) == napi_ok && s && !s->closed)
    close_socket(s);
  return NULL;
}

static napi_value js_interface_info(napi_env env, napi_callback_info info) {
  size_t argc = 1;
  napi_value argv[1];
  CHECK(napi_get_cb_info(env, info, &argc, argv, NULL, NULL));
  char ifname[IF_NAMESIZE + 1];
  if (argc < 1 || read_string(env, argv[0], ifname, sizeof ifname)) {
    napi_throw_type_error(env, NULL, "interfaceInfo(ifname)");
    return NULL;
  }
  int fd = socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0);
  if (fd < 0) return throw_errno(env, "socket", errno);
  struct ifreq ifr;
  memset(&ifr, 0, sizeof ifr);
  memcpy(ifr.ifr_name, ifname, strnlen(ifname, IF_NAMESIZE - 1));
  if (ioctl(fd, SIOCGIFINDEX, &ifr) < 0) {
    int err = errno;
    close(fd);
    return throw_errno(env, ifname, err);
  }
  napi_value out, v;
  CHECK(napi_create_object(env, &out));
  napi_create_int32(env, ifr.ifr_ifindex, &v);
  napi_set_named_property(env, out, "index", v);
  char text[32] = "";
  if (ioctl(fd, SIOCGIFHWADDR, &ifr) == 0) {
    const unsigned char *m = (const unsigned char *)ifr.ifr_hwaddr.sa_data;
    snprintf(text, sizeof text, "%02x:%02x:%02x:%02x:%02x:%02x", m[0], m[1], m[2], m[3], m[4],
             m[5]);
  }
  napi_create_string_utf8(env, text, NAPI_AUTO_LENGTH, &v);
  napi_set_named_property(env, out, "mac", v);
  if (ioctl(fd, SIOCGIFADDR, &ifr) == 0) {
    struct sockaddr_in *sin = (struct sockaddr_in *)&ifr.ifr_addr;
    inet_ntop(AF_INET, &sin->sin_addr, text, sizeof text);
    napi_create_string_utf8(env, text, NAPI_AUTO_LENGTH, &v);
  } else {
    napi_get_null(env, &v);
  }
  napi_set_named_property(env, out, "ipv4", v);
  close(fd);
  return out;
}

static napi_value js_now(napi_env env, napi_callback_info info) {
  (void)info;
  napi_value out;
  CHECK(napi_create_double(env, realtime_ms(), &out));
  return out;
}

NAPI_MODULE_INIT() {
  napi_property_descriptor props[] = {
      {"open", NULL, js_open, NULL, NULL, NULL, napi_enumerable, NULL},
      {"send", NULL, js_send, NULL, NULL, NULL, napi_enumerable, NULL},
      {"close", NULL, js_close, NULL, NULL, NULL, napi_enumerable, NULL},
      {"interfaceInfo", NULL, js_interface_info, NULL, NULL, NULL, napi_enumerable, NULL},
      {"now", NULL, js_now, NULL, NULL, NULL, napi_enumerable, NULL},
  };
  napi_define_properties(env, exports, sizeof props / sizeof props[0], props);
  return exports;
}
