/*
 * linkguard's native prober: raw ICMP echo, ICMPv6 echo and ARP sockets bound to one device,
 * and one rtnetlink socket for link and address events, read by libuv's poll on node's own
 * loop (no thread per socket), with kernel receive timestamps (SO_TIMESTAMPNS) and the send
 * time taken just before sendto() (on loopback the reply is stamped inside the sendto call).
 * Packets and netlink messages are built and decoded in TypeScript
 * (src/watch/probe/packets.ts, src/watch/parse/rtnetlink.ts); this file only moves bytes and
 * times.
 *
 *   open(kind "icmp"|"icmp6"|"arp"|"arp-send", ifname, onPacket(buf, t_ms, from)) -> handle
 *     (from: the sender's IPv6 address for "icmp6", else undefined)
 *   send(handle, buf, dest IPv4/IPv6 string ("icmp"/"icmp6") | ignored (ARP: broadcast)) -> t_ms
 *   openLinkEvents(onMessage(buf, t_ms)) -> handle: rtnetlink, groups link, IPv4 and IPv6
 *     addresses; an empty buf means the kernel dropped messages (ENOBUFS)
 *   openNeighbours(ifname, join, onFrame(buf, t_ms)) -> handle: a packet socket on ifname that
 *     receives only LLDP and CDP frames (whole Ethernet frames, received, not sent); join:
 *     also join the two discovery multicast groups for as long as the socket is open
 *   close(handle)
 *   interfaceInfo(ifname) -> { index, mac, ipv4 | null }
 *   interfaceName(index) -> name | null
 *
 * Times are CLOCK_REALTIME in milliseconds with a fraction (sub-microsecond in a double).
 */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <linux/filter.h>
#include <linux/if_packet.h>
#include <linux/netlink.h>
#include <linux/rtnetlink.h>
#include <net/ethernet.h>
#include <net/if.h>
#include <netinet/icmp6.h>
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

enum { KIND_ICMP, KIND_ARP, KIND_ARP_SEND, KIND_ICMP6, KIND_NETLINK, KIND_NEIGHBOURS };

/* tcpdump -dd 'ether proto 0x88cc or ether dst 01:00:0c:cc:cc:cc': the frames the tcpdump
 * fallback selects (src/watch/neighbours/listener.ts NEIGHBOUR_FILTER), LLDP (IEEE 802.1AB
 * ethertype 0x88cc) and anything to CDP's address, so only they wake the loop. */
static struct sock_filter neighbour_filter[] = {
    {0x28, 0, 0, 0x0000000c}, {0x15, 4, 0, 0x000088cc}, {0x20, 0, 0, 0x00000002},
    {0x15, 0, 3, 0x0ccccccc}, {0x28, 0, 0, 0x00000000}, {0x15, 0, 1, 0x00000100},
    {0x6, 0, 0, 0x00040000},  {0x6, 0, 0, 0x00000000},
};
/* IEEE 802.1AB-2016 7.1 nearest bridge group address, and CDP's (Cisco) address. */
static const unsigned char neighbour_groups[2][ETH_ALEN] = {
    {0x01, 0x80, 0xc2, 0x00, 0x00, 0x0e}, {0x01, 0x00, 0x0c, 0xcc, 0xcc, 0xcc}};

typedef struct {
  uv_poll_t poll;
  int fd;
  int kind; /* see the KIND_ constants */
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
  int overflowed = 0;
  if (status < 0) {
    /* POLLERR (a packet socket's interface went down: ENETDOWN; a netlink socket overflowed:
     * ENOBUFS): libuv has stopped the handle. Reading SO_ERROR clears the error; then listen
     * again. A netlink overflow is said to JavaScript before the datagrams still queued. */
    int err = 0;
    socklen_t len = sizeof err;
    getsockopt(s->fd, SOL_SOCKET, SO_ERROR, &err, &len);
    uv_poll_start(&s->poll, UV_READABLE, on_readable);
    if (!(s->kind == KIND_NETLINK && err == ENOBUFS)) return;
    overflowed = 1;
  }
  napi_env env = s->env;
  napi_handle_scope scope;
  napi_open_handle_scope(env, &scope);
  for (int n = 0; n < 64 && !s->closed; n++) {
    /* One netlink datagram may carry many messages: room for the largest the kernel sends
     * to a listener without MSG_PEEK (its default is one page, up to 32 KiB). Node runs this
     * on its one loop thread, so one static buffer serves every socket. */
    static unsigned char buf[65536];
    char control[256];
    struct sockaddr_in6 from;
    struct iovec iov = {.iov_base = buf, .iov_len = sizeof buf};
    struct msghdr msg = {.msg_name = &from, .msg_namelen = sizeof from, .msg_iov = &iov,
                         .msg_iovlen = 1, .msg_control = control,
                         .msg_controllen = sizeof control};
    ssize_t len = overflowed ? -1 : recvmsg(s->fd, &msg, MSG_DONTWAIT);
    if (overflowed || (len < 0 && errno == ENOBUFS && s->kind == KIND_NETLINK)) {
      overflowed = 0;
      len = 0; /* messages were dropped: JavaScript hears of it as an empty buffer */
      msg.msg_controllen = 0;
      msg.msg_namelen = 0;
    } else if (len < 0) {
      break;
    }
    /* Kernels before 4.20 ignore PACKET_IGNORE_OUTGOING: the host's own frames are no
     * neighbours. */
    if (s->kind == KIND_NEIGHBOURS && msg.msg_namelen >= sizeof(struct sockaddr_ll) &&
        ((struct sockaddr_ll *)(void *)&from)->sll_pkttype == PACKET_OUTGOING)
      continue;
    double t_ms = -1;
    for (struct cmsghdr *c = CMSG_FIRSTHDR(&msg); c; c = CMSG_NXTHDR(&msg, c)) {
      if (c->cmsg_level == SOL_SOCKET && c->cmsg_type == SCM_TIMESTAMPNS) {
        struct timespec ts;
        memcpy(&ts, CMSG_DATA(c), sizeof ts);
        t_ms = (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
      }
    }
    if (t_ms < 0) t_ms = realtime_ms();
    napi_value argv[3], cb, recv, result;
    void *data;
    if (napi_create_buffer_copy(env, (size_t)len, buf, &data, &argv[0]) != napi_ok) break;
    napi_create_double(env, t_ms, &argv[1]);
    size_t argc = 2;
    if (s->kind == KIND_ICMP6 && msg.msg_namelen >= sizeof from) {
      /* A raw ICMPv6 socket reads no IPv6 header: the sender comes with the datagram. */
      char text[INET6_ADDRSTRLEN];
      inet_ntop(AF_INET6, &from.sin6_addr, text, sizeof text);
      napi_create_string_utf8(env, text, NAPI_AUTO_LENGTH, &argv[2]);
      argc = 3;
    }
    napi_get_reference_value(env, s->callback, &cb);
    napi_get_global(env, &recv);
    napi_make_callback(env, s->async, recv, cb, argc, argv, &result);
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
  if (kind == KIND_NETLINK) {
    fd = socket(AF_NETLINK, SOCK_RAW | SOCK_NONBLOCK | SOCK_CLOEXEC, NETLINK_ROUTE);
    if (fd < 0) return -1;
    /* Room for a burst (a bond's members going down together): 1 MiB, past rmem_max where
     * the process may (CAP_NET_ADMIN). */
    int size = 1 << 20;
    if (setsockopt(fd, SOL_SOCKET, SO_RCVBUFFORCE, &size, sizeof size) < 0)
      setsockopt(fd, SOL_SOCKET, SO_RCVBUF, &size, sizeof size);
    struct sockaddr_nl snl = {.nl_family = AF_NETLINK,
                              .nl_groups = RTMGRP_LINK | RTMGRP_IPV4_IFADDR | RTMGRP_IPV6_IFADDR};
    if (bind(fd, (struct sockaddr *)&snl, sizeof snl) < 0) goto fail;
  } else if (kind == KIND_ICMP6) {
    fd = socket(AF_INET6, SOCK_RAW | SOCK_NONBLOCK | SOCK_CLOEXEC, IPPROTO_ICMPV6);
    if (fd < 0) return -1;
    /* Only echo replies reach this socket (RFC 4443 type 129, RFC 3542 3.2's filter). The
     * kernel computes the ICMPv6 checksum of what we send (RFC 3542 3.1). */
    struct icmp6_filter filter;
    ICMP6_FILTER_SETBLOCKALL(&filter);
    ICMP6_FILTER_SETPASS(ICMP6_ECHO_REPLY, &filter);
    if (setsockopt(fd, IPPROTO_ICMPV6, ICMP6_FILTER, &filter, sizeof filter) < 0) goto fail;
    if (setsockopt(fd, SOL_SOCKET, SO_BINDTODEVICE, ifname, strlen(ifname)) < 0) goto fail;
  } else if (kind == KIND_ICMP) {
    fd = socket(AF_INET, SOCK_RAW | SOCK_NONBLOCK | SOCK_CLOEXEC, IPPROTO_ICMP);
    if (fd < 0) return -1;
    /* Only echo replies reach this socket (RFC 792 type 0). */
    struct lg_icmp_filter filter = {.data = ~(1U << LG_ICMP_ECHOREPLY)};
    setsockopt(fd, SOL_RAW, LG_ICMP_FILTER, &filter, sizeof filter);
    if (setsockopt(fd, SOL_SOCKET, SO_BINDTODEVICE, ifname, strlen(ifname)) < 0) goto fail;
  } else if (kind == KIND_NEIGHBOURS) {
    /* Every protocol (CDP is 802.3 with a length, not an ethertype), filtered in the kernel. */
    fd = socket(AF_PACKET, SOCK_RAW | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
    if (fd < 0) return -1;
    struct sock_fprog prog = {.len = sizeof neighbour_filter / sizeof neighbour_filter[0],
                              .filter = neighbour_filter};
    if (setsockopt(fd, SOL_SOCKET, SO_ATTACH_FILTER, &prog, sizeof prog) < 0) goto fail;
    int one = 1;
    setsockopt(fd, SOL_PACKET, PACKET_IGNORE_OUTGOING, &one, sizeof one);
    /* Filter first, then bind with the protocol: no unfiltered frame is queued. */
    struct sockaddr_ll sll = {.sll_family = AF_PACKET, .sll_protocol = htons(ETH_P_ALL),
                              .sll_ifindex = ifindex};
    if (bind(fd, (struct sockaddr *)&sll, sizeof sll) < 0) goto fail;
  } else {
    /* "arp-send" registers no receive hook (protocol 0): it opens and closes without the
     * kernel's synchronize_net(), ~15 ms each way for a listening packet socket. */
    int proto = kind == KIND_ARP_SEND ? 0 : htons(ETH_P_ARP);
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

static napi_value wrap_socket(napi_env env, int fd, int kind, int ifindex, napi_value callback);

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
  int kind = strcmp(kindname, "icmp") == 0       ? KIND_ICMP
             : strcmp(kindname, "icmp6") == 0    ? KIND_ICMP6
             : strcmp(kindname, "arp") == 0      ? KIND_ARP
             : strcmp(kindname, "arp-send") == 0 ? KIND_ARP_SEND
                                                 : -1;
  if (kind < 0) {
    napi_throw_type_error(env, NULL, "open: kind is icmp, icmp6, arp or arp-send");
    return NULL;
  }
  unsigned ifindex = if_nametoindex(ifname);
  if (ifindex == 0) return throw_errno(env, ifname, errno);
  int fd = open_fd(kind, ifname, (int)ifindex);
  if (fd < 0)
    return throw_errno(env,
                       kind == KIND_ICMP    ? "raw ICMP socket"
                       : kind == KIND_ICMP6 ? "raw ICMPv6 socket"
                                            : "ARP packet socket",
                       errno);
  return wrap_socket(env, fd, kind, (int)ifindex, argv[2]);
}

/* An rtnetlink socket for link and address events, on the loop like the probe sockets. */
static napi_value js_open_link_events(napi_env env, napi_callback_info info) {
  size_t argc = 1;
  napi_value argv[1];
  CHECK(napi_get_cb_info(env, info, &argc, argv, NULL, NULL));
  napi_valuetype type = napi_undefined;
  if (argc < 1 || napi_typeof(env, argv[0], &type) != napi_ok || type != napi_function) {
    napi_throw_type_error(env, NULL, "openLinkEvents(onMessage)");
    return NULL;
  }
  int fd = open_fd(KIND_NETLINK, "", 0);
  if (fd < 0) return throw_errno(env, "rtnetlink socket", errno);
  return wrap_socket(env, fd, KIND_NETLINK, 0, argv[0]);
}

/* A packet socket for the member's LLDP and CDP frames; the multicast groups it joins are left
 * by the kernel when it closes (refcounted: an address someone else added stays). */
static napi_value js_open_neighbours(napi_env env, napi_callback_info info) {
  size_t argc = 3;
  napi_value argv[3];
  CHECK(napi_get_cb_info(env, info, &argc, argv, NULL, NULL));
  char ifname[IF_NAMESIZE + 1];
  bool join = false;
  napi_valuetype type = napi_undefined;
  if (argc < 3 || read_string(env, argv[0], ifname, sizeof ifname) ||
      napi_get_value_bool(env, argv[1], &join) != napi_ok ||
      napi_typeof(env, argv[2], &type) != napi_ok || type != napi_function) {
    napi_throw_type_error(env, NULL, "openNeighbours(ifname, join, onFrame)");
    return NULL;
  }
  unsigned ifindex = if_nametoindex(ifname);
  if (ifindex == 0) return throw_errno(env, ifname, errno);
  int fd = open_fd(KIND_NEIGHBOURS, ifname, (int)ifindex);
  if (fd < 0) return throw_errno(env, "LLDP/CDP packet socket", errno);
  for (int i = 0; join && i < 2; i++) {
    struct packet_mreq mr = {.mr_ifindex = (int)ifindex, .mr_type = PACKET_MR_MULTICAST,
                             .mr_alen = ETH_ALEN};
    memcpy(mr.mr_address, neighbour_groups[i], ETH_ALEN);
    if (setsockopt(fd, SOL_PACKET, PACKET_ADD_MEMBERSHIP, &mr, sizeof mr) < 0) {
      int err = errno;
      close(fd);
      return throw_errno(env, "PACKET_ADD_MEMBERSHIP", err);
    }
  }
  return wrap_socket(env, fd, KIND_NEIGHBOURS, (int)ifindex, argv[2]);
}

static napi_value wrap_socket(napi_env env, int fd, int kind, int ifindex, napi_value callback) {
  probe_socket *s = calloc(1, sizeof *s);
  if (!s) {
    close(fd);
    return throw_errno(env, "calloc", ENOMEM);
  }
  s->fd = fd;
  s->kind = kind;
  s->ifindex = ifindex;
  s->env = env;
  uv_loop_t *loop;
  CHECK(napi_get_uv_event_loop(env, &loop));
  CHECK(napi_create_reference(env, callback, 1, &s->callback));
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
  if (s->kind == KIND_NETLINK || s->kind == KIND_NEIGHBOURS) {
    napi_throw_type_error(env, NULL, "send: this socket only listens");
    return NULL;
  }
  if (s->kind == KIND_ICMP6) {
    char dest[INET6_ADDRSTRLEN + 1];
    /* The scope: a link-local target is reached through this device (the kernel ignores
     * the scope of a global address). */
    struct sockaddr_in6 sin6 = {.sin6_family = AF_INET6, .sin6_scope_id = (uint32_t)s->ifindex};
    if (argc < 3 || read_string(env, argv[2], dest, sizeof dest) ||
        inet_pton(AF_INET6, dest, &sin6.sin6_addr) != 1) {
      napi_throw_type_error(env, NULL, "send: dest is an IPv6 address");
      return NULL;
    }
    t_ms = realtime_ms();
    sent = sendto(s->fd, data, len, 0, (struct sockaddr *)&sin6, sizeof sin6);
  } else if (s->kind == KIND_ICMP) {
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

static napi_value js_interface_name(napi_env env, napi_callback_info info) {
  size_t argc = 1;
  napi_value argv[1];
  CHECK(napi_get_cb_info(env, info, &argc, argv, NULL, NULL));
  uint32_t index = 0;
  if (argc < 1 || napi_get_value_uint32(env, argv[0], &index) != napi_ok) {
    napi_throw_type_error(env, NULL, "interfaceName(index)");
    return NULL;
  }
  char name[IF_NAMESIZE];
  napi_value out;
  if (index == 0 || if_indextoname(index, name) == NULL)
    napi_get_null(env, &out);
  else
    napi_create_string_utf8(env, name, NAPI_AUTO_LENGTH, &out);
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
      {"openLinkEvents", NULL, js_open_link_events, NULL, NULL, NULL, napi_enumerable, NULL},
      {"openNeighbours", NULL, js_open_neighbours, NULL, NULL, NULL, napi_enumerable, NULL},
      {"close", NULL, js_close, NULL, NULL, NULL, napi_enumerable, NULL},
      {"interfaceName", NULL, js_interface_name, NULL, NULL, NULL, napi_enumerable, NULL},
      {"interfaceInfo", NULL, js_interface_info, NULL, NULL, NULL, napi_enumerable, NULL},
      {"now", NULL, js_now, NULL, NULL, NULL, napi_enumerable, NULL},
  };
  napi_define_properties(env, exports, sizeof props / sizeof props[0], props);
  return exports;
}
