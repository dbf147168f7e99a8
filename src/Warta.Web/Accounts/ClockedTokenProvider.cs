using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;

namespace Warta.Web.Accounts;

/// <summary>
/// Identity's data-protection tokens (mailed links) on the app's clock: <see cref="DataProtectorTokenProvider{TUser}"/>
/// stamps and checks a token's age with <c>DateTimeOffset.UtcNow</c>, so a link's lifespan could not follow
/// <see cref="TimeProvider"/> (one clock for every rule, and a fake one in tests). Tokens keep Identity's layout —
/// creation ticks, user id, purpose, security stamp, protected by the provider's own purpose — so a link mailed before
/// still works, and it still stops working once the security stamp changes.
/// </summary>
public abstract class ClockedTokenProvider<TUser>(IDataProtectionProvider keys, DataProtectionTokenProviderOptions options,
    ILogger<DataProtectorTokenProvider<TUser>> log, TimeProvider clock)
    : DataProtectorTokenProvider<TUser>(keys, Microsoft.Extensions.Options.Options.Create(options), log)
    where TUser : class
{
    static readonly Encoding Utf8 = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    public override async Task<string> GenerateAsync(string purpose, UserManager<TUser> manager, TUser user)
    {
        using var stream = new MemoryStream();
        using (var writer = new BinaryWriter(stream, Utf8, leaveOpen: true))
        {
            writer.Write(clock.GetUtcNow().UtcTicks);
            writer.Write(await manager.GetUserIdAsync(user));
            writer.Write(purpose ?? "");
            writer.Write(await StampAsync(manager, user));
        }
        return Convert.ToBase64String(Protector.Protect(stream.ToArray()));
    }

    /// <summary>Valid up to and including the instant its lifespan ends, as Identity's own check is.</summary>
    public override async Task<bool> ValidateAsync(string purpose, string token, UserManager<TUser> manager, TUser user)
    {
        try
        {
            using var reader = new BinaryReader(new MemoryStream(Protector.Unprotect(Convert.FromBase64String(token))), Utf8);
            var created = new DateTimeOffset(reader.ReadInt64(), TimeSpan.Zero);
            if (created + Options.TokenLifespan < clock.GetUtcNow()) return false;
            return reader.ReadString() == await manager.GetUserIdAsync(user)
                && reader.ReadString() == purpose
                && reader.ReadString() == await StampAsync(manager, user)
                && reader.PeekChar() == -1;
        }
        catch (Exception e) when (e is FormatException or CryptographicException or IOException or ArgumentException)
        {
            return false; // not base64, not ours, cut short or not text: a link that does not work, like any other
        }
    }

    static async Task<string> StampAsync(UserManager<TUser> manager, TUser user) =>
        manager.SupportsUserSecurityStamp ? await manager.GetSecurityStampAsync(user) ?? "" : "";
}
