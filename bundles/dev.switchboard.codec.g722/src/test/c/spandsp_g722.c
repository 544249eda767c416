/* Reference G.722 (64 kbit/s) with libspandsp, for G722ConformanceTest.
 *   spandsp_g722 encode in.s16le out.g722   |   spandsp_g722 decode in.g722 out.s16le
 * Processes the whole file in one stream, 20 ms at a time. */
#include <stdio.h>
#include <string.h>
#include <stdint.h>
#include <spandsp.h>

#define FRAME_SAMPLES 320
#define FRAME_BYTES (FRAME_SAMPLES / 2)

int main(int argc, char **argv) {
    if (argc != 4 || (strcmp(argv[1], "encode") != 0 && strcmp(argv[1], "decode") != 0)) {
        fprintf(stderr, "usage: %s encode|decode in out\n", argv[0]);
        return 2;
    }
    FILE *in = fopen(argv[2], "rb");
    FILE *out = fopen(argv[3], "wb");
    if (in == NULL || out == NULL) {
        perror("spandsp_g722");
        return 1;
    }
    int16_t pcm[FRAME_SAMPLES];
    uint8_t code[FRAME_BYTES];
    size_t n;
    if (strcmp(argv[1], "encode") == 0) {
        g722_encode_state_t *encoder = g722_encode_init(NULL, 64000, 0);
        while ((n = fread(pcm, sizeof pcm[0], FRAME_SAMPLES, in)) > 0)
            fwrite(code, 1, g722_encode(encoder, code, pcm, (int) n), out);
    } else {
        g722_decode_state_t *decoder = g722_decode_init(NULL, 64000, 0);
        while ((n = fread(code, 1, FRAME_BYTES, in)) > 0)
            fwrite(pcm, sizeof pcm[0], g722_decode(decoder, pcm, code, (int) n), out);
    }
    return fclose(out) == 0 && !ferror(in) ? 0 : 1;
}
