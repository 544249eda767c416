package dev.switchboard.protocol.iax2.internal;

/** One decoded IAX2 datagram. */
sealed interface IaxFrame permits FullFrame, MiniFrame, TrunkFrame {
}
