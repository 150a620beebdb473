package com.ecommerce.users.mfa;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

import io.nayuki.qrcodegen.QrCode;

/**
 * The otpauth URI as a QR code, an SVG data URI a front end can put in an img element. qrcodegen makes the code (its
 * modules); the SVG is written here because the library ships no renderer in its Java artifact (its SVG writer is
 * demo code), and an SVG of dark squares is one path: a move and three lines per module, plus the quiet zone.
 */
final class TotpQrCode {

    private static final int BORDER = 4; // the quiet zone ISO/IEC 18004 asks for, in modules

    private TotpQrCode() {
    }

    static String svgDataUri(String text) {
        QrCode qr = QrCode.encodeText(text, QrCode.Ecc.MEDIUM);
        int size = qr.size + 2 * BORDER;
        StringBuilder path = new StringBuilder();
        for (int y = 0; y < qr.size; y++) {
            for (int x = 0; x < qr.size; x++) {
                if (qr.getModule(x, y)) {
                    path.append('M').append(x + BORDER).append(',').append(y + BORDER).append("h1v1h-1z");
                }
            }
        }
        String svg = "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 " + size + " " + size
                + "\" shape-rendering=\"crispEdges\"><rect width=\"100%\" height=\"100%\" fill=\"#fff\"/><path d=\""
                + path + "\" fill=\"#000\"/></svg>";
        return "data:image/svg+xml;base64," + Base64.getEncoder().encodeToString(svg.getBytes(StandardCharsets.UTF_8));
    }
}
