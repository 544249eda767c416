/* The G.729 reference our FFM binding must match: libbcg729 driven directly from C.
 *   bcg729_reference encode IN.s16le OUT.g729   (80 samples -> 10 bytes per frame, no VAD)
 *   bcg729_reference decode IN.g729 OUT.s16le   (10 bytes -> 80 samples per frame)
 * Built by the test: gcc -O2 -o bcg729_reference bcg729_reference.c -lbcg729 */
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <bcg729/decoder.h>
#include <bcg729/encoder.h>

int main(int argc, char **argv) {
    if (argc != 4 || (strcmp(argv[1], "encode") && strcmp(argv[1], "decode"))) {
        fprintf(stderr, "usage: %s encode|decode IN OUT\n", argv[0]);
        return 2;
    }
    FILE *in = fopen(argv[2], "rb");
    FILE *out = fopen(argv[3], "wb");
    if (!in || !out) {
        perror("open");
        return 1;
    }
    int16_t samples[80];
    uint8_t frame[10];
    if (!strcmp(argv[1], "encode")) {
        bcg729EncoderChannelContextStruct *encoder = initBcg729EncoderChannel(0);
        while (fread(samples, sizeof samples[0], 80, in) == 80) {
            uint8_t length = 0;
            bcg729Encoder(encoder, samples, frame, &length);
            fwrite(frame, 1, length, out);
        }
        closeBcg729EncoderChannel(encoder);
    } else {
        bcg729DecoderChannelContextStruct *decoder = initBcg729DecoderChannel();
        while (fread(frame, 1, 10, in) == 10) {
            bcg729Decoder(decoder, frame, 10, 0, 0, 0, samples);
            fwrite(samples, sizeof samples[0], 80, out);
        }
        closeBcg729DecoderChannel(decoder);
    }
    return fclose(out) == 0 && fclose(in) == 0 ? 0 : 1;
}
