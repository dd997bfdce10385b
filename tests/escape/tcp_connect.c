/* SPDX-License-Identifier: MIT */
/*
 * tcp_connect PORT: connect to 127.0.0.1:PORT (IPv4) and, failing that,
 * [::1]:PORT, and say hello.  A listener outside the tree records every
 * connection on the host; under --sandbox without --share-net neither
 * socket() nor connect() may reach it.
 */
#include <arpa/inet.h>
#include <netinet/in.h>
#include <stdlib.h>
#include <sys/socket.h>
#include <unistd.h>

#include "escape.h"

static int try4(int port)
{
	struct sockaddr_in a = { .sin_family = AF_INET,
				 .sin_port = htons(port) };
	int fd = socket(AF_INET, SOCK_STREAM, 0);

	step("socket(AF_INET)", fd);
	if (fd < 0)
		return -1;
	a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	if (connect(fd, (struct sockaddr *)&a, sizeof(a))) {
		step("connect 127.0.0.1", -1);
		close(fd);
		return -1;
	}
	return fd;
}

static int try6(int port)
{
	struct sockaddr_in6 a = { .sin6_family = AF_INET6,
				  .sin6_port = htons(port),
				  .sin6_addr = IN6ADDR_LOOPBACK_INIT };
	int fd = socket(AF_INET6, SOCK_STREAM, 0);

	step("socket(AF_INET6)", fd);
	if (fd < 0)
		return -1;
	if (connect(fd, (struct sockaddr *)&a, sizeof(a))) {
		step("connect ::1", -1);
		close(fd);
		return -1;
	}
	return fd;
}

int main(int argc, char **argv)
{
	int port, fd;

	if (argc != 2)
		setup_fail("usage: tcp_connect PORT");
	port = atoi(argv[1]);
	fd = try4(port);
	if (fd < 0)
		fd = try6(port);
	if (fd < 0)
		return 1;
	step("write", write(fd, "hello\n", 6));
	close(fd);
	return 0;
}
