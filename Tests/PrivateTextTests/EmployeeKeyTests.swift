import Foundation
import LearnerModel
import Testing

@testable import PrivateText

/// Cheap scrypt parameters: the tests check the construction, not the cost.
let testKDF = PassphraseKDF(logN: 10)
let ada = try! EmployeeID("ada")
let bob = try! EmployeeID("bob")
let passphrase = "correct horse battery"

@Suite struct EmployeeKeyTests {
  @Test func aWrappedKeyOpensWithItsPassphraseOnly() throws {
    let (key, wrapped) = try EmployeeKey.create(for: ada, passphrase: passphrase, kdf: testKDF, at: Date())
    #expect(wrapped.method == "scrypt+chachapoly-v1")
    #expect(wrapped.parameters == "ln=10,r=8,p=1")
    #expect(wrapped.salt.count == 16)
    #expect(wrapped.keyID == key.keyID && key.keyID.count == 16)
    let opened = try EmployeeKey.unlock(wrapped, passphrase: passphrase)
    let sealed = key.seal("hello", for: SealContext(.answer, courseID: "c", itemID: "i"))
    #expect(try opened.open(sealed, for: SealContext(.answer, courseID: "c", itemID: "i")) == "hello")
    for wrong in ["correct horse batter", "Correct horse battery", "", passphrase + " "] {
      #expect(throws: PrivateTextError.wrongPassphrase) { try EmployeeKey.unlock(wrapped, passphrase: wrong) }
    }
  }

  @Test func aWrappedKeyCopiedToAnotherEmployeeDoesNotOpen() throws {
    let (_, wrapped) = try EmployeeKey.create(for: ada, passphrase: passphrase, kdf: testKDF, at: Date())
    var copied = wrapped
    copied.employee = bob
    #expect(throws: PrivateTextError.wrongPassphrase) {
      try EmployeeKey.unlock(copied, passphrase: passphrase)
    }
  }

  @Test func thePassphraseIsComparedInNormalForm() throws {
    // "é" typed as one code point, and as e + a combining accent.
    let (_, wrapped) = try EmployeeKey.create(
      for: ada, passphrase: "caf\u{E9} au lait tous les jours", kdf: testKDF, at: Date())
    _ = try EmployeeKey.unlock(wrapped, passphrase: "cafe\u{301} au lait tous les jours")
  }

  @Test func weakPassphrasesAreRefusedWithTheReason() {
    #expect(EmployeeKey.checkNewPassphrase("short", for: ada)?.contains("at least 10 characters") == true)
    #expect(EmployeeKey.checkNewPassphrase("my id is ADA ok", for: ada)?.contains("employee id") == true)
    #expect(EmployeeKey.checkNewPassphrase("aaaaaaaaaaaaaa", for: ada)?.contains("different") == true)
    #expect(EmployeeKey.checkNewPassphrase(String(repeating: "ab", count: 600), for: ada) != nil)
    #expect(EmployeeKey.checkNewPassphrase(passphrase, for: ada) == nil)
    #expect(throws: PrivateTextError.self) {
      try EmployeeKey.create(for: ada, passphrase: "short", at: Date())
    }
  }

  @Test func storedParametersOutsideWhatCoachChoosesAreRefused() throws {
    #expect(PassphraseKDF("ln=17,r=8,p=1") == .standard)
    #expect(PassphraseKDF.standard.memory == 128 << 20)
    for bad in ["ln=30,r=8,p=1", "ln=4,r=8,p=1", "ln=17,r=8", "ln=17,r=8,p=1,x=2", "ln=a,r=8,p=1", ""] {
      #expect(PassphraseKDF(bad) == nil, "\(bad)")
    }
    var (_, wrapped) = try EmployeeKey.create(for: ada, passphrase: passphrase, kdf: testKDF, at: Date())
    wrapped.parameters = "ln=28,r=8,p=1"
    #expect(throws: PrivateTextError.unknownKey("parameters ln=28,r=8,p=1")) {
      try EmployeeKey.unlock(wrapped, passphrase: passphrase)
    }
  }
}

@Suite struct SealingTests {
  let key = try! EmployeeKey.create(for: ada, passphrase: passphrase, kdf: testKDF, at: Date()).key
  let here = SealContext(.answer, courseID: "service", itemID: "story")

  @Test func sealedTextOpensAndHidesItsBytesAndMostOfItsLength() throws {
    for text in ["", "x", "My manager is bullying me", String(repeating: "é", count: 63), "line\nline"] {
      let sealed = key.seal(text, for: here)
      #expect(try key.open(sealed, for: here) == text)
      // Text long enough not to turn up in random bytes by chance never shows.
      #expect(text.utf8.count < 8 || sealed.bytes.range(of: Data(text.utf8)) == nil)
      // version + key id + nonce + tag = 37 bytes around text padded to 64-byte blocks.
      #expect((sealed.bytes.count - 37) % 64 == 0)
      #expect(sealed.bytes.count - 37 > text.utf8.count)
    }
    #expect(
      key.seal("a", for: here).bytes.count
        == key.seal(String(repeating: "b", count: 60), for: here).bytes.count)
    #expect(key.seal("same", for: here) != key.seal("same", for: here), "a fresh nonce each time")
  }

  @Test func changedBytesOrAnotherPlaceDoNotOpen() throws {
    let sealed = key.seal("private", for: here)
    for index in [0, 3, 9, 20, sealed.bytes.count - 1] {
      var changed = sealed
      changed.bytes[index] ^= 0x01
      #expect(throws: PrivateTextError.self) { try key.open(changed, for: here) }
    }
    for elsewhere in [
      SealContext(.bookmark, courseID: "service", itemID: "story"),
      SealContext(.answer, courseID: "other", itemID: "story"),
      SealContext(.answer, courseID: "service", itemID: "other"),
    ] {
      #expect(throws: PrivateTextError.self) { try key.open(sealed, for: elsewhere) }
    }
    let other = try EmployeeKey.create(for: ada, passphrase: passphrase, kdf: testKDF, at: Date()).key
    #expect(!other.isSealedByMe(sealed))
    #expect(throws: PrivateTextError.self) { try other.open(sealed, for: here) }
    #expect(!key.isSealedByMe(SealedText(bytes: Data([1, 2]))))
  }
}
