#include "core/i18n/icu_data.h"

#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unicode/udata.h>
#include <unicode/utypes.h>
#include <cerrno>
#include <cstdint>
#include <cstring>

#include "core/base/files.h"

namespace mk {
namespace {

constexpr std::size_t kHeaderMin = 24;  // MappedData (4 bytes) and UDataInfo (20)
constexpr std::string_view kPrefix = U_ICUDATA_NAME "/";

std::uint32_t u32At(std::string_view bytes, std::size_t at) {
  std::uint32_t v = 0;
  std::memcpy(&v, bytes.data() + at, sizeof v);
  return v;
}

std::uint16_t u16At(std::string_view bytes, std::size_t at) {
  std::uint16_t v = 0;
  std::memcpy(&v, bytes.data() + at, sizeof v);
  return v;
}

// ICU's data header: magic bytes, then UDataInfo (byte order, charset, UChar size,
// format "CmnD" version 1 for common data).
std::string headerProblem(std::string_view bytes) {
  if (bytes.size() < kHeaderMin + 4 || static_cast<unsigned char>(bytes[2]) != 0xda ||
      static_cast<unsigned char>(bytes[3]) != 0x27)
    return "not ICU data";
  if (bytes.substr(12, 4) != "CmnD" || bytes[16] != 1) return "not ICU common data";
  if (bytes[8] != U_IS_BIG_ENDIAN || bytes[9] != U_CHARSET_FAMILY || bytes[10] != U_SIZEOF_UCHAR)
    return "ICU data for another byte order or character set";
  return "";
}

// Each table of contents entry: the item's name and data offsets from the table's start.
std::string tocProblem(std::string_view bytes) {
  const std::size_t toc = u16At(bytes, 0);
  if (toc < kHeaderMin || toc % 4 != 0 || toc + 4 > bytes.size()) return "its header size is wrong";
  const std::string_view items = bytes.substr(toc);
  const std::uint32_t count = u32At(items, 0);
  if (count == 0 || count > (items.size() - 4) / 8) return "its table of contents is cut short";
  const std::size_t tocEnd = 4 + std::size_t{count} * 8;
  std::size_t last = 0;
  for (std::uint32_t i = 0; i < count; ++i) {
    const std::uint32_t name = u32At(items, 4 + std::size_t{i} * 8);
    const std::uint32_t data = u32At(items, 8 + std::size_t{i} * 8);
    if (name < tocEnd || data < tocEnd || name >= items.size() || std::size_t{data} + 4 > items.size())
      return "an item lies outside the file (cut short?)";
    std::string_view rest = items.substr(name);
    if (rest.substr(0, kPrefix.size()) != kPrefix || rest.find('\0') == std::string_view::npos)
      return "its items are not named " + std::string(kPrefix) + "…: data for another ICU version";
    if (data > last) last = data;
  }
  // The last item's own header: a file cut inside the table of items' data ends before it.
  if (static_cast<unsigned char>(items[last + 2]) != 0xda || static_cast<unsigned char>(items[last + 3]) != 0x27)
    return "its last item is damaged (cut short?)";
  return "";
}

}  // namespace

std::string icuCommonDataProblem(std::string_view bytes) {
  std::string why = headerProblem(bytes);
  return why.empty() ? tocProblem(bytes) : why;
}

IcuData::IcuData(const std::filesystem::path& file) {
  UniqueFd fd(::open(file.c_str(), O_RDONLY | O_CLOEXEC));
  struct stat st {};
  if (!fd || ::fstat(fd.get(), &st) != 0) {
    problem_ = file.string() + ": " + std::strerror(errno);
    return;
  }
  size_ = static_cast<std::size_t>(st.st_size);
  void* m = size_ > 0 ? ::mmap(nullptr, size_, PROT_READ, MAP_PRIVATE, fd.get(), 0) : MAP_FAILED;
  if (m == MAP_FAILED) {
    problem_ = file.string() + ": " + (size_ > 0 ? std::strerror(errno) : "empty");
    return;
  }
  map_ = m;
  if (std::string why = icuCommonDataProblem({static_cast<const char*>(map_), size_}); !why.empty()) {
    problem_ = file.string() + ": " + why;
    return;
  }
  UErrorCode status = U_ZERO_ERROR;
  udata_setCommonData(map_, &status);
  if (U_FAILURE(status) || status == U_USING_DEFAULT_WARNING) {
    problem_ = file.string() + ": ICU did not take it (" + u_errorName(status) + ")";
    return;
  }
  installed_ = true;
}

IcuData::~IcuData() {
  if (map_ && !installed_) ::munmap(map_, size_);
}

std::filesystem::path icuDataFile(const std::filesystem::path& dataDir) {
  return dataDir / "icu" / (U_ICUDATA_NAME ".dat");
}

}  // namespace mk
