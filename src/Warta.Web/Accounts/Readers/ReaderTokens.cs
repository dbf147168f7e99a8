using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;

namespace Warta.Web.Accounts.Readers;

/// <summary>
/// The names of the readers' token providers. Each signs its tokens with its own data-protection purpose and binds them
/// to the account's security stamp, so a link stops working once the password or address changes (a reset link works once).
/// Lifespans run on the app's <see cref="TimeProvider"/> (<see cref="ClockedTokenProvider{TUser}"/>).
/// </summary>
public static class ReaderTokens
{
    /// <summary>Confirming an address: the registration's and a change of address's links.</summary>
    public const string Email = "ReaderEmail";
    public const string PasswordReset = "ReaderPasswordReset";

    public static IServiceCollection AddReaderTokens(this IServiceCollection services)
    {
        services.AddSingleton<ReaderEmailTokenProvider>();
        services.AddSingleton<ReaderPasswordResetTokenProvider>();
        return services;
    }
}

/// <summary>A confirmation link works for three days: long enough for a reader who reads mail at the weekend.</summary>
public sealed class ReaderEmailTokenProvider(IDataProtectionProvider keys, ILogger<DataProtectorTokenProvider<ReaderUser>> log, TimeProvider clock)
    : ClockedTokenProvider<ReaderUser>(keys, new DataProtectionTokenProviderOptions { Name = ReaderTokens.Email, TokenLifespan = Lifespan }, log, clock)
{
    public static readonly TimeSpan Lifespan = TimeSpan.FromDays(3);
}

/// <summary>A reset link works for two hours: whoever holds it can take the account.</summary>
public sealed class ReaderPasswordResetTokenProvider(IDataProtectionProvider keys, ILogger<DataProtectorTokenProvider<ReaderUser>> log, TimeProvider clock)
    : ClockedTokenProvider<ReaderUser>(keys, new DataProtectionTokenProviderOptions { Name = ReaderTokens.PasswordReset, TokenLifespan = Lifespan }, log, clock)
{
    public static readonly TimeSpan Lifespan = TimeSpan.FromHours(2);
}
