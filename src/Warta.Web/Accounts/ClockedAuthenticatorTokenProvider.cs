using System.Buffers.Binary;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Identity;

namespace Warta.Web.Accounts;

/// <summary>
/// Authenticator-app codes (RFC 6238: HMAC-SHA1, 30-second steps, six digits) checked on the app's clock: Identity's
/// <see cref="AuthenticatorTokenProvider{TUser}"/> reads <c>DateTime.UtcNow</c>, so a code's window could not follow
/// <see cref="TimeProvider"/> (one clock for every rule, and a fake one in tests). Like Identity's, it accepts the code of
/// the current step and of the two before and after it (90 seconds either way) for clocks that drift.
/// </summary>
public class ClockedAuthenticatorTokenProvider<TUser>(TimeProvider clock) : AuthenticatorTokenProvider<TUser>
    where TUser : class
{
    const int Step = 30, Drift = 2;

    public override async Task<bool> ValidateAsync(string purpose, string token, UserManager<TUser> manager, TUser user)
    {
        if (token is not { Length: 6 } || !token.All(char.IsAsciiDigit)) return false;
        if (await manager.GetAuthenticatorKeyAsync(user) is not { Length: > 0 } key || FromBase32(key) is not { Length: > 0 } secret) return false;
        var step = clock.GetUtcNow().ToUnixTimeSeconds() / Step;
        var code = int.Parse(token, System.Globalization.CultureInfo.InvariantCulture);
        var matched = false;
        for (var i = -Drift; i <= Drift; i++) matched |= Code(secret, step + i) == code;
        return matched;
    }

    static int Code(byte[] secret, long step)
    {
        Span<byte> counter = stackalloc byte[8];
        BinaryPrimitives.WriteInt64BigEndian(counter, step);
        Span<byte> hash = stackalloc byte[HMACSHA1.HashSizeInBytes];
        // RFC 6238's default, and what every authenticator app computes: SHA-1 is weak for signatures, not for this HMAC.
#pragma warning disable CA5350
        HMACSHA1.HashData(secret, counter, hash);
#pragma warning restore CA5350
        var offset = hash[^1] & 0x0f;
        var binary = BinaryPrimitives.ReadInt32BigEndian(hash[offset..]) & 0x7fffffff;
        return binary % 1_000_000;
    }

    /// <summary>RFC 4648 base32 as Identity writes the key (case and padding ignored); null when it is not base32.</summary>
    static byte[]? FromBase32(string text)
    {
        const string alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
        var bytes = new List<byte>(text.Length * 5 / 8);
        int buffer = 0, bits = 0;
        foreach (var c in text.TrimEnd('='))
        {
            var value = alphabet.IndexOf(char.ToUpperInvariant(c), StringComparison.Ordinal);
            if (value < 0) return null;
            buffer = (buffer << 5) | value;
            bits += 5;
            if (bits < 8) continue;
            bits -= 8;
            bytes.Add((byte)(buffer >> bits));
        }
        return [.. bytes];
    }
}
