// capload: the capacity benchmark's load tool (bench/capacity/run). N participants in meetings of G, each with an
// audio and a video socket of its own, sending at call rates to a relay and receiving what the relay forwards from
// the other G-1 participants of its meeting. It reports loss and one-way delay of the packets sent in the measuring
// window, and its own CPU, so that a run where the tool rather than the relay was the bottleneck can be told apart.
//
// Cheap by construction, so that the relay is the bottleneck: one thread; sends paced by a min-heap of due times
// (no scan of every stream), on a tick grid (-T µs) so that the tool wakes at most once per tick however many streams
// there are; receives by timer polling (every -P µs epoll_wait with a zero timeout, then one recvmmsg per ready
// socket), so the relay's sends never pay for waking this process up, and a socket has gathered a few packets by the
// time it is read. Polling does not blur the delay: the kernel stamps each datagram as it reaches the socket
// (SO_TIMESTAMPNS), and that stamp, not the time of the read, is the arrival time.
//
// Ports (127.0.0.1 only): meeting m's audio sockets are base + 2mG + k, its video sockets base + 2mG + G + k
// (k = 0..G-1), so each media group of a meeting is G consecutive ports, what the reference C relay's -d/-n expects.
// Group q = 2m + type sends to relay port R + q*S: S = 0 for one relay port (Confero), S = 1 for one reference relay
// process per group.
//
// Payload: byte 0 is 0x80 (RTP in RFC 7983 demultiplexing), then a header {magic, stream, seq, flags, send time};
// the rest is filler. Send time is CLOCK_REALTIME, the kernel's receive stamps' clock: one host, one clock.
//
// Bounded: the schedule ends after warm-up + measuring time, the tool exits after the drain time or -t seconds, or
// after -c packets sent; SIGINT/SIGTERM stop it early (the report is still printed).
#define _GNU_SOURCE
#include <errno.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/epoll.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/socket.h>

#define MAGIC 0x43415031u       // "CAP1"
#define FLAG_MEASURED 1u
#define BATCH 64                // recvmmsg batch per ready socket
#define BUFSZ 2048
#define MAXEVENTS 1024
#define BUCKET_NS 10000ull      // delay histogram: 10 µs buckets …
#define BUCKETS 200000          // … up to 2 s; later packets land in the last bucket

typedef struct {
    uint8_t rtp[4];             // 0x80 0x00 …: RTP for Confero's demultiplexer
    uint32_t magic;
    uint32_t stream;
    uint32_t seq;
    uint32_t flags;
    uint64_t sent_ns;
} __attribute__((packed)) header_t;

typedef struct {
    int fd;
    int size;                   // bytes on the wire
    uint64_t period_ns;
    uint64_t due_ns;
    uint32_t seq;
} stream_t;

static volatile sig_atomic_t stop_requested = 0;
static void on_signal(int s) { (void)s; stop_requested = 1; }

static uint64_t now_ns(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (uint64_t)ts.tv_sec * 1000000000ull + (uint64_t)ts.tv_nsec;
}

// The clock of SO_TIMESTAMPNS stamps.
static uint64_t wall_ns(void) {
    struct timespec ts;
    clock_gettime(CLOCK_REALTIME, &ts);
    return (uint64_t)ts.tv_sec * 1000000000ull + (uint64_t)ts.tv_nsec;
}

static void fail(const char *what) {
    perror(what);
    exit(1);
}

// Min-heap of stream indexes ordered by due time: the next send is always at the top.
static stream_t *streams;
static int *heap;
static int heap_len;

static int earlier(int a, int b) { return streams[heap[a]].due_ns < streams[heap[b]].due_ns; }

static void swap(int a, int b) {
    int t = heap[a];
    heap[a] = heap[b];
    heap[b] = t;
}

static void sift_down(int i) {
    for (;;) {
        int l = 2 * i + 1, r = l + 1, m = i;
        if (l < heap_len && earlier(l, m)) m = l;
        if (r < heap_len && earlier(r, m)) m = r;
        if (m == i) return;
        swap(i, m);
        i = m;
    }
}

static void sift_up(int i) {
    while (i > 0 && earlier(i, (i - 1) / 2)) {
        swap(i, (i - 1) / 2);
        i = (i - 1) / 2;
    }
}

static int open_participant_socket(int port, int relay_port, int rcvbuf) {
    int fd = socket(AF_INET, SOCK_DGRAM | SOCK_NONBLOCK, 0);
    if (fd < 0) fail("socket");
    // Forced when allowed (root), else capped by net.core.rmem_max: a burst of the relay's must not overflow it.
    if (setsockopt(fd, SOL_SOCKET, SO_RCVBUFFORCE, &rcvbuf, sizeof(rcvbuf)) < 0)
        setsockopt(fd, SOL_SOCKET, SO_RCVBUF, &rcvbuf, sizeof(rcvbuf));
    struct sockaddr_in a = {.sin_family = AF_INET, .sin_port = htons((uint16_t)port)};
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (bind(fd, (struct sockaddr *)&a, sizeof(a)) < 0) {
        fprintf(stderr, "bind 127.0.0.1:%d: %s\n", port, strerror(errno));
        exit(1);
    }
    int on = 1;
    if (setsockopt(fd, SOL_SOCKET, SO_TIMESTAMPNS, &on, sizeof(on)) < 0) fail("SO_TIMESTAMPNS");
    // Connected: the socket takes datagrams from its relay only, and send() needs no address.
    struct sockaddr_in r = {.sin_family = AF_INET, .sin_port = htons((uint16_t)relay_port)};
    r.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (connect(fd, (struct sockaddr *)&r, sizeof(r)) < 0) fail("connect");
    return fd;
}

// The sending side: the schedule's bounds and what was sent.
typedef struct {
    uint64_t measure_from, send_until, max_packets;
    int group;
    char *tx;
    uint64_t sent, sent_measured, send_errors, expected_measured, late_sends, max_late_ns;
} sender_t;

// Every send that is due, oldest first; each from its own socket. Called between socket reads too, so that a long
// read burst does not hold the schedule up.
static void send_due(sender_t *s) {
    uint64_t now = now_ns();
    header_t *h = (header_t *)s->tx;
    while (heap_len && streams[heap[0]].due_ns <= now && streams[heap[0]].due_ns < s->send_until &&
           s->sent < s->max_packets) {
        stream_t *st = &streams[heap[0]];
        uint64_t late = now - st->due_ns;
        if (late > s->max_late_ns) s->max_late_ns = late;
        if (late > 1000000ull) s->late_sends++;           // more than 1 ms behind schedule: the tool is busy
        int measured = st->due_ns >= s->measure_from;
        h->stream = (uint32_t)heap[0];
        h->seq = st->seq++;
        h->flags = measured ? FLAG_MEASURED : 0;
        h->sent_ns = wall_ns();
        if (send(st->fd, s->tx, st->size, 0) == st->size) {
            s->sent++;
            if (measured) {
                s->sent_measured++;
                s->expected_measured += s->group - 1;     // every other member of its meeting's group
            }
        } else {
            s->send_errors++;
        }
        st->due_ns += st->period_ns;
        sift_down(0);
    }
}

static double percentile_us(const uint32_t *hist, uint64_t total, double q) {
    if (total == 0) return -1;
    uint64_t rank = (uint64_t)(q * (double)total);
    if (rank >= total) rank = total - 1;
    uint64_t seen = 0;
    for (int b = 0; b < BUCKETS; b++) {
        seen += hist[b];
        if (seen > rank) return (b + 1) * (BUCKET_NS / 1000.0);   // upper edge of the bucket
    }
    return BUCKETS * (BUCKET_NS / 1000.0);
}

static void usage(void) {
    fprintf(stderr,
            "usage: capload -n participants [-g meeting_size 10] -b port_base -R relay_port [-S relay_stride 0]\n"
            "               [-w warmup_s 1] [-d measure_s 5] [-D drain_ms 1000] [-P poll_us 2000] [-T tick_us 250]\n"
            "               [-t max_s 120]\n"
            "               [-c max_packets 50000000] [-a audio_pps 50] [-A audio_bytes 160] [-v video_pps 90]\n"
            "               [-V video_bytes 1000] [-B rcvbuf 262144] [-s seed 1] [-1]\n"
            "  -1: one sender per meeting (its first member), the others receive only: a webinar's 1->N fan-out\n");
    exit(2);
}

int main(int argc, char **argv) {
    int one_sender = 0;        // -1: only member 0 of each meeting sends (bench/webinar's 1->N baseline)
    int n = 0, group = 10, base = 0, relay_port = 0, relay_stride = 0, poll_us = 2000, tick_us = 250, rcvbuf = 256 << 10;
    double warmup_s = 1, measure_s = 5, max_s = 120, audio_pps = 50, video_pps = 90;
    int drain_ms = 1000, audio_bytes = 160, video_bytes = 1000;
    unsigned seed = 1;
    uint64_t max_packets = 50000000ull;
    int opt;
    while ((opt = getopt(argc, argv, "n:g:b:R:S:w:d:D:P:T:t:c:a:A:v:V:B:s:1")) != -1) {
        switch (opt) {
        case 'n': n = atoi(optarg); break;
        case 'g': group = atoi(optarg); break;
        case 'b': base = atoi(optarg); break;
        case 'R': relay_port = atoi(optarg); break;
        case 'S': relay_stride = atoi(optarg); break;
        case 'w': warmup_s = atof(optarg); break;
        case 'd': measure_s = atof(optarg); break;
        case 'D': drain_ms = atoi(optarg); break;
        case 'P': poll_us = atoi(optarg); break;
        case 'T': tick_us = atoi(optarg); break;
        case 't': max_s = atof(optarg); break;
        case 'c': max_packets = strtoull(optarg, NULL, 10); break;
        case 'a': audio_pps = atof(optarg); break;
        case 'A': audio_bytes = atoi(optarg); break;
        case 'v': video_pps = atof(optarg); break;
        case 'V': video_bytes = atoi(optarg); break;
        case 'B': rcvbuf = atoi(optarg); break;
        case 's': seed = (unsigned)atoi(optarg); break;
        case '1': one_sender = 1; break;
        default: usage();
        }
    }
    if (n <= 0 || group < 2 || n % group || base <= 0 || relay_port <= 0 || audio_pps <= 0 || video_pps <= 0)
        usage();
    if (audio_bytes < (int)sizeof(header_t)) audio_bytes = sizeof(header_t);
    if (video_bytes < (int)sizeof(header_t)) video_bytes = sizeof(header_t);
    if (audio_bytes > BUFSZ || video_bytes > BUFSZ) usage();
    if (max_s > 600) max_s = 600;           // hard bound whatever is asked
    if (poll_us < 20) poll_us = 20;
    if (poll_us > 20000) poll_us = 20000;   // a socket must not fill its buffer between two reads
    if (tick_us < 10) tick_us = 10;
    if (tick_us > 1000) tick_us = 1000;     // sends at most 1 ms late by design
    prctl(PR_SET_TIMERSLACK, 1UL, 0, 0, 0);
    struct sigaction sa = {.sa_handler = on_signal};
    sigaction(SIGINT, &sa, NULL);
    sigaction(SIGTERM, &sa, NULL);

    int count = 2 * n;                      // an audio and a video stream per participant
    streams = calloc(count, sizeof(stream_t));
    heap = calloc(count, sizeof(int));
    uint32_t *hist = calloc(BUCKETS, sizeof(uint32_t));
    int ep = epoll_create1(0);
    if (!streams || !heap || !hist || ep < 0) fail("setup");
    srand(seed);
    uint64_t start = now_ns() + 50000000ull;   // 50 ms to settle after opening the sockets
    for (int meeting = 0; meeting < n / group; meeting++) {
        for (int type = 0; type < 2; type++) {
            int q = 2 * meeting + type;
            for (int k = 0; k < group; k++) {
                int s = q * group + k;
                stream_t *st = &streams[s];
                st->fd = open_participant_socket(base + q * group + k, relay_port + q * relay_stride, rcvbuf);
                st->size = type ? video_bytes : audio_bytes;
                st->period_ns = (uint64_t)(1e9 / (type ? video_pps : audio_pps));
                // Random phases: a real meeting's senders are not synchronised, and bursts would measure the tool.
                st->due_ns = start + (uint64_t)((double)rand() / RAND_MAX * (double)st->period_ns);
                struct epoll_event ev = {.events = EPOLLIN, .data.u32 = (uint32_t)s};
                if (epoll_ctl(ep, EPOLL_CTL_ADD, st->fd, &ev) < 0) fail("epoll_ctl");
                if (!one_sender || k == 0) {   // a receive-only member is in no send schedule
                    heap[heap_len++] = s;
                    sift_up(heap_len - 1);
                }
            }
        }
    }
    uint64_t measure_from = start + (uint64_t)(warmup_s * 1e9);
    uint64_t send_until = measure_from + (uint64_t)(measure_s * 1e9);
    uint64_t exit_at = send_until + (uint64_t)drain_ms * 1000000ull;
    uint64_t hard_end = now_ns() + (uint64_t)(max_s * 1e9);
    if (exit_at > hard_end) exit_at = hard_end;
    printf("capload ready participants=%d meetings=%d sockets=%d\n", n, n / group, count);
    fflush(stdout);

    static char tx[BUFSZ];
    memset(tx, 0xab, sizeof(tx));
    header_t *h = (header_t *)tx;
    sender_t snd = {.measure_from = measure_from, .send_until = send_until, .max_packets = max_packets,
                    .group = group, .tx = tx};
    h->rtp[0] = 0x80;
    h->rtp[1] = 0;
    h->rtp[2] = 0;
    h->rtp[3] = 0;
    h->magic = MAGIC;

    static char rx[BATCH][BUFSZ];
    static char control[BATCH][CMSG_SPACE(sizeof(struct timespec))];
    struct mmsghdr msgs[BATCH];
    struct iovec iov[BATCH];
    memset(msgs, 0, sizeof(msgs));
    for (int i = 0; i < BATCH; i++) {
        iov[i].iov_base = rx[i];
        iov[i].iov_len = BUFSZ;
        msgs[i].msg_hdr.msg_iov = &iov[i];
        msgs[i].msg_hdr.msg_iovlen = 1;
        msgs[i].msg_hdr.msg_control = control[i];
    }
    struct epoll_event events[MAXEVENTS];

    uint64_t received = 0, received_measured = 0, other = 0, recv_calls = 0, polls = 0, delay_max_ns = 0;
    uint64_t delay_sum_ns = 0, unstamped = 0;
    uint64_t poll_ns = (uint64_t)poll_us * 1000ull, tick_ns = (uint64_t)tick_us * 1000ull, next_poll = start;
    uint64_t first_measured_rx = 0, last_measured_rx = 0;
    struct timespec tick = {0, 0};
    for (;;) {
        uint64_t now = now_ns();
        if (stop_requested || now >= exit_at) break;
        send_due(&snd);
        // 2. Every poll interval, everything that has arrived: the ready sockets only, one recvmmsg each (more while
        //    batches are full).
        int ready = 0;
        if (now >= next_poll) do {
            ready = epoll_wait(ep, events, MAXEVENTS, 0);
            for (int e = 0; e < ready; e++) {
                if ((e & 7) == 7) send_due(&snd);
                int fd = streams[events[e].data.u32].fd;
                int got;
                do {
                    for (int i = 0; i < BATCH; i++) msgs[i].msg_hdr.msg_controllen = sizeof(control[i]);
                    got = recvmmsg(fd, msgs, BATCH, MSG_DONTWAIT, NULL);
                    recv_calls++;
                    for (int i = 0; i < got; i++) {
                        header_t *p = (header_t *)rx[i];
                        if (msgs[i].msg_len < sizeof(header_t) || p->magic != MAGIC) {
                            other++;                     // the relay's consent checks (STUN), nothing else
                            continue;
                        }
                        received++;
                        if (!(p->flags & FLAG_MEASURED)) continue;
                        received_measured++;
                        uint64_t at = 0;
                        struct cmsghdr *c = CMSG_FIRSTHDR(&msgs[i].msg_hdr);
                        if (c && c->cmsg_level == SOL_SOCKET && c->cmsg_type == SCM_TIMESTAMPNS) {
                            struct timespec ts;
                            memcpy(&ts, CMSG_DATA(c), sizeof(ts));
                            at = (uint64_t)ts.tv_sec * 1000000000ull + (uint64_t)ts.tv_nsec;
                        } else {
                            at = wall_ns();                  // no stamp: the read time, an upper bound
                            unstamped++;
                        }
                        if (!first_measured_rx) first_measured_rx = at;
                        last_measured_rx = at;
                        uint64_t d = at > p->sent_ns ? at - p->sent_ns : 0;
                        delay_sum_ns += d;
                        if (d > delay_max_ns) delay_max_ns = d;
                        uint64_t b = d / BUCKET_NS;
                        hist[b < BUCKETS ? b : BUCKETS - 1]++;
                    }
                } while (got == BATCH);
            }
        } while (ready == MAXEVENTS);
        if (now >= next_poll) {
            polls++;
            next_poll = now + poll_ns;
        }
        // 3. Sleep until the next poll, or the tick in which the next send falls, whichever is sooner.
        uint64_t wake = next_poll;
        if (heap_len && streams[heap[0]].due_ns < send_until) {
            uint64_t due_tick = (streams[heap[0]].due_ns + tick_ns - 1) / tick_ns * tick_ns;
            if (due_tick < wake) wake = due_tick;
        }
        tick.tv_sec = (time_t)(wake / 1000000000ull);
        tick.tv_nsec = (long)(wake % 1000000000ull);
        clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME, &tick, NULL);
    }
    struct rusage ru;
    getrusage(RUSAGE_SELF, &ru);
    double user = ru.ru_utime.tv_sec + ru.ru_utime.tv_usec / 1e6, sys = ru.ru_stime.tv_sec + ru.ru_stime.tv_usec / 1e6;
    double loss = snd.expected_measured ? 1.0 - (double)received_measured / (double)snd.expected_measured : 1.0;
    printf("capload participants=%d meetings=%d sent=%lu sent_measured=%lu send_errors=%lu expected=%lu "
           "received=%lu received_measured=%lu other=%lu loss=%.6f delay_p50_us=%.0f delay_p99_us=%.0f "
           "delay_p999_us=%.0f delay_max_us=%.0f delay_mean_us=%.0f late_sends=%lu max_late_us=%.0f polls=%lu "
           "recv_calls=%lu unstamped=%lu measure_s=%.3f rx_span_s=%.3f user=%.3f sys=%.3f cpu_ns_per_packet=%.0f stopped=%d\n",
           n, n / group, snd.sent, snd.sent_measured, snd.send_errors, snd.expected_measured, received, received_measured, other,
           loss < 0 ? 0.0 : loss, percentile_us(hist, received_measured, 0.50),
           percentile_us(hist, received_measured, 0.99), percentile_us(hist, received_measured, 0.999),
           delay_max_ns / 1e3, received_measured ? delay_sum_ns / 1e3 / received_measured : -1.0, snd.late_sends,
           snd.max_late_ns / 1e3, polls, recv_calls, unstamped, measure_s,
           last_measured_rx > first_measured_rx ? (last_measured_rx - first_measured_rx) / 1e9 : 0.0, user, sys,
           snd.sent + received ? (user + sys) * 1e9 / (double)(snd.sent + received) : 0.0, (int)stop_requested);
    return 0;
}
