#include "core/layout/qr_code.h"

#include <qrencode.h>

#include "core/base/log.h"

namespace mk {

std::optional<QrCode> encodeQr(const std::string& text) {
  QRcode* qr = QRcode_encodeString(text.c_str(), 0, QR_ECLEVEL_M, QR_MODE_8, 1);
  if (!qr) {
    log::warn("qr", "cannot encode '" + text + "' as a QR code");
    return std::nullopt;
  }
  QrCode code;
  code.size = qr->width;
  code.dark.resize(static_cast<size_t>(qr->width) * static_cast<size_t>(qr->width));
  // Bit 0 of each byte is the module colour (1 = dark).
  for (size_t i = 0; i < code.dark.size(); ++i) code.dark[i] = (qr->data[i] & 1) != 0;
  QRcode_free(qr);
  return code;
}

}  // namespace mk
