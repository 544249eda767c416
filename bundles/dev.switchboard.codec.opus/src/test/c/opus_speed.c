/* libopus encode+decode speed, the anchor for OpusSpeed.java: the same settings (48 kHz mono, VOIP,
 * 32 kbit/s, complexity 10, in-band FEC for 10 % loss, voice signal) and the same 20 ms frames.
 *   opus_speed IN.s16le PASSES   -> prints the best pass's CPU seconds
 * Built by scripts/bench-opus.sh: gcc -O2 -o opus_speed opus_speed.c -lopus */
#include <opus/opus.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

static double cpu_seconds(void) {
    struct timespec now;
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &now);
    return now.tv_sec + now.tv_nsec / 1e9;
}

int main(int argc, char **argv) {
    if (argc != 3) {
        fprintf(stderr, "usage: %s IN.s16le PASSES\n", argv[0]);
        return 2;
    }
    FILE *in = fopen(argv[1], "rb");
    if (!in) {
        perror(argv[1]);
        return 1;
    }
    fseek(in, 0, SEEK_END);
    long samples = ftell(in) / 2;
    rewind(in);
    opus_int16 *pcm = malloc(samples * 2);
    if (fread(pcm, 2, samples, in) != (size_t) samples) {
        fprintf(stderr, "short read\n");
        return 1;
    }
    const int frame = 960;
    unsigned char packet[4000];
    opus_int16 decoded[5760];
    double best = 1e9;
    long checksum = 0;
    for (int pass = 0; pass < atoi(argv[2]); pass++) {
        int error;
        OpusEncoder *encoder = opus_encoder_create(48000, 1, OPUS_APPLICATION_VOIP, &error);
        OpusDecoder *decoder = opus_decoder_create(48000, 1, &error);
        opus_encoder_ctl(encoder, OPUS_SET_BITRATE(32000));
        opus_encoder_ctl(encoder, OPUS_SET_COMPLEXITY(10));
        opus_encoder_ctl(encoder, OPUS_SET_INBAND_FEC(1));
        opus_encoder_ctl(encoder, OPUS_SET_PACKET_LOSS_PERC(10));
        opus_encoder_ctl(encoder, OPUS_SET_SIGNAL(OPUS_SIGNAL_VOICE));
        double start = cpu_seconds();
        for (long i = 0; i + frame <= samples; i += frame) {
            int bytes = opus_encode(encoder, pcm + i, frame, packet, sizeof packet);
            checksum += opus_decode(decoder, packet, bytes, decoded, 5760, 0) + decoded[0];
        }
        double elapsed = cpu_seconds() - start;
        if (elapsed < best) {
            best = elapsed;
        }
        opus_encoder_destroy(encoder);
        opus_decoder_destroy(decoder);
    }
    printf("%.4f %ld\n", best, checksum);
    return 0;
}
