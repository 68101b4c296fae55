import Foundation

/// Name-based UUIDs (RFC 4122, version 5): the same namespace and name always give the
/// same UUID, so a statement exported twice has the same id both times.
public enum NameUUID {
  /// The namespace of every UUID coach makes for xAPI: the version-5 UUID of the name
  /// `coach xAPI statements` in RFC 4122's URL namespace.
  public static let coachNamespace = UUID(uuidString: "B81E36C5-4DB3-5DB5-A8C1-21275E56ECFA")!

  /// The URL namespace of RFC 4122 (appendix C).
  public static let urlNamespace = UUID(uuidString: "6BA7B811-9DAD-11D1-80B4-00C04FD430C8")!

  /// The version-5 UUID of `name` (its UTF-8 bytes) in `namespace`.
  public static func v5(_ name: String, in namespace: UUID = coachNamespace) -> UUID {
    let space = withUnsafeBytes(of: namespace.uuid) { Array($0) }
    var digest = SHA1.digest(space + Array(name.utf8))
    digest[6] = (digest[6] & 0x0F) | 0x50
    digest[8] = (digest[8] & 0x3F) | 0x80
    return UUID(
      uuid: (
        digest[0], digest[1], digest[2], digest[3], digest[4], digest[5], digest[6], digest[7],
        digest[8], digest[9], digest[10], digest[11], digest[12], digest[13], digest[14], digest[15]
      ))
  }
}
