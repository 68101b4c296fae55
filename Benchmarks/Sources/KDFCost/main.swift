import Foundation
import LearnerModel
import PrivateText

// What one passphrase costs: making an employee's key (scrypt, then ChaChaPoly over the
// key) at each cost coach might choose, as a ratio to the cheapest cost coach accepts
// (ln=10), measured in the same run by the same path. The figure that matters is the
// time and memory of one guess at a copied store: every guess pays what an employee pays
// once per session.
//
//   swift run -c release KDFCost        (make bench runs it)

let employee = try! EmployeeID("bench")
let passphrase = "correct horse battery staple"

func seconds(_ body: () throws -> Void) rethrows -> Double {
  var best = Double.infinity
  for _ in 0..<3 {
    let start = ContinuousClock.now
    try body()
    let elapsed = ContinuousClock.now - start
    best = min(best, Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18)
  }
  return best
}

let floor = try seconds {
  _ = try EmployeeKey.create(for: employee, passphrase: passphrase, kdf: .init(logN: 10), at: Date())
}
print("scrypt cost      memory    one key (best of 3)   x ln=10")
for logN in [14, 15, 16, 17, 18] {
  let kdf = PassphraseKDF(logN: logN)
  let time = try seconds {
    _ = try EmployeeKey.create(for: employee, passphrase: passphrase, kdf: kdf, at: Date())
  }
  let marker = kdf == .standard ? "  <- coach's choice" : ""
  print(
    String(
      format: "ln=%-2d r=8 p=1  %4d MiB  %8.3f s            %6.0f", logN, kdf.memory >> 20, time,
      time / floor) + marker)
}
