import SessionEngine

/// One input: a byte that picks the kind of prompt, a byte for its count or limit, then
/// the line as typed (any bytes; invalid UTF-8 becomes U+FFFD, as the consoles read it).
///
/// Besides not crashing, what the parser returns must hold: numbers within the prompt's
/// count and, for order, each number once; a point within its scale; text no longer than
/// its limit. A broken promise stops the run like a crash.
@_cdecl("LLVMFuzzerTestOneInput")
public func LLVMFuzzerTestOneInput(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
  let bytes = UnsafeBufferPointer(start: data, count: size)
  guard bytes.count >= 2 else { return 0 }
  let count = Int(bytes[1] % 12)
  let limit = Int(bytes[1]) * 4
  let kinds: [AnswerKind] = [
    .single(count: count), .multiple(count: count), .order(count: count), .match(count: count),
    .point(count: count), .text(limit: limit, optional: bytes[1] & 1 == 0), .lines(limit: limit),
    .yesNo(default: bytes[1] & 1 == 0), .menu(count: count),
  ]
  let kind = kinds[Int(bytes[0]) % kinds.count]
  let line = String(decoding: bytes.dropFirst(2), as: UTF8.self)
  guard case .success(let parsed) = AnswerParser.parse(line, as: kind) else { return 0 }
  switch (kind, parsed) {
  case (.single(let n), .numbers(let list)), (.multiple(let n), .numbers(let list)),
    (.menu(let n), .numbers(let list)):
    precondition(list.allSatisfy { (0..<n).contains($0) }, "a number outside 1...\(n): \(list)")
  case (.order(let n), .numbers(let list)):
    precondition(list.sorted() == Array(0..<n), "not every number once: \(list) for \(n)")
  case (.point(let n), .point(let p)):
    precondition((0..<n).contains(p), "a point outside the scale: \(p) of \(n)")
  case (.match(let n), .pairs(let pairs)):
    precondition(pairs.keys.allSatisfy { (0..<n).contains($0) }, "a pair outside 1...\(n)")
  case (.text(let max, _), .text(let text)), (.lines(let max), .text(let text)):
    precondition(text.count <= max, "text of \(text.count) characters over its limit \(max)")
  default:
    break
  }
  return 0
}
