/* libbcg729 encode+decode speed from C, the anchor for G729Speed.java: the same 10 ms frames, no VAD.
 *   bcg729_speed IN.s16le PASSES   -> prints the best pass's CPU seconds
 * Built by scripts/bench-g729.sh: gcc -O2 -o bcg729_speed bcg729_speed.c -lbcg729 */
#include <bcg729/decoder.h>
#include <bcg729/encoder.h>
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
    int16_t *pcm = malloc(samples * 2);
    if (fread(pcm, 2, samples, in) != (size_t) samples) {
        fprintf(stderr, "short read\n");
        return 1;
    }
    uint8_t bits[10];
    int16_t decoded[80];
    double best = 1e9;
    long checksum = 0;
    for (int pass = 0; pass < atoi(argv[2]); pass++) {
        bcg729EncoderChannelContextStruct *encoder = initBcg729EncoderChannel(0);
        bcg729DecoderChannelContextStruct *decoder = initBcg729DecoderChannel();
        double start = cpu_seconds();
        for (long i = 0; i + 80 <= samples; i += 80) {
            uint8_t length = 0;
            bcg729Encoder(encoder, pcm + i, bits, &length);
            bcg729Decoder(decoder, bits, length, 0, 0, 0, decoded);
            checksum += decoded[0];
        }
        double elapsed = cpu_seconds() - start;
        if (elapsed < best) {
            best = elapsed;
        }
        closeBcg729EncoderChannel(encoder);
        closeBcg729DecoderChannel(decoder);
    }
    printf("%.4f %ld\n", best, checksum);
    return 0;
}
