#pragma once
// Thin RAII layer over SQLite: a connection, prepared statements and a transaction
// that rolls back unless committed. <sqlite3.h> stays out of this header.
// Thread-safety: one Database per thread; objects are not shared between threads.
#include <cstdint>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>

struct sqlite3;
struct sqlite3_stmt;

namespace mk {

class DbError : public std::runtime_error {
 public:
  explicit DbError(const std::string& message, int code = 0) : std::runtime_error(message), code_(code) {}
  // SQLite's primary result code (SQLITE_CORRUPT, SQLITE_FULL, ...), 0 if none.
  int code() const { return code_; }

 private:
  int code_;
};

class Database {
 public:
  enum class Mode { ReadOnly, ReadWriteCreate };
  Database(const std::string& path, Mode mode);
  ~Database();
  Database(const Database&) = delete;
  Database& operator=(const Database&) = delete;

  void exec(std::string_view sql);
  int userVersion();
  // Rows changed by the last INSERT, UPDATE or DELETE.
  int changes();
  sqlite3* handle() const { return db_; }
  const std::string& path() const { return path_; }

 private:
  sqlite3* db_ = nullptr;
  std::string path_;
};

class Statement {
 public:
  // Preparing and reading do not change the database object, so queries can be const.
  Statement(const Database& db, std::string_view sql);
  ~Statement();
  Statement(const Statement&) = delete;
  Statement& operator=(const Statement&) = delete;

  Statement& bind(int index, std::string_view text);
  Statement& bind(int index, std::int64_t value);
  Statement& bindNull(int index);
  // Returns true while a row is available.
  bool step();
  // Runs a statement that returns no rows and resets it for reuse.
  void run();
  void reset();

  std::string text(int column) const;
  std::int64_t integer(int column) const;
  bool isNull(int column) const;

 private:
  sqlite3_stmt* stmt_ = nullptr;
  const Database& db_;
};

class Transaction {
 public:
  explicit Transaction(Database& db);
  ~Transaction();
  Transaction(const Transaction&) = delete;
  Transaction& operator=(const Transaction&) = delete;
  void commit();

 private:
  Database& db_;
  bool done_ = false;
};

}  // namespace mk
