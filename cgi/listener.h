/* listener.h: the socket the responder accepts FastCGI connections on. */
#ifndef GAZETTE_LISTENER_H
#define GAZETTE_LISTENER_H

/* Opens ADDRESS for listening: a path is a unix socket (made
 * mode 0660, in a folder not every user may write to; an old socket
 * there is replaced, any other file is refused),
 * "127.0.0.1:PORT" a loopback TCP port (other hosts are refused: FastCGI
 * must never face the network). Returns the fd (close-on-exec) or -1
 * after logging why. */
int	listener_open(const char *address);
/* The socket file of ADDRESS, or NULL for a TCP address. */
const char *listener_path(const char *address);
/* Removes a unix socket created by listener_open (no-op for TCP). */
void	listener_remove(const char *address);

#endif
