using Microsoft.AspNetCore.Identity;

namespace Warta.Web.Accounts;

/// <summary>A password sign-in's outcome, and why it failed in words for the audit log (never for the page).</summary>
public sealed record PasswordAttempt(SignInResult Result, string Why);

/// <summary>
/// One password sign-in, the same for every kind of account. Unknown, disabled, locked and passwordless accounts and wrong
/// passwords all fail alike, and every attempt costs exactly one password hash check whatever the account's state, so
/// neither the answer nor its time tells an unknown address from a known one.
/// </summary>
public static class PasswordSignIn
{
    public static async Task<PasswordAttempt> AttemptAsync<TUser>(SignInManager<TUser> signIn, TUser? user, string? passwordHash, bool disabled,
        string password, bool persistent) where TUser : class, new()
    {
        if (user is null || passwordHash is null || disabled || await signIn.UserManager.IsLockedOutAsync(user))
        {
            signIn.UserManager.PasswordHasher.VerifyHashedPassword(user ?? new TUser(), passwordHash ?? UnknownAccount<TUser>.Hash, password);
            return new(SignInResult.Failed, user is null ? "akun tidak dikenal" : disabled ? "akun dinonaktifkan" : passwordHash is null ? "akun tanpa kata sandi" : "akun terkunci");
        }
        var result = await signIn.PasswordSignInAsync(user, password, persistent, lockoutOnFailure: true);
        return new(result, result.IsLockedOut ? "akun terkunci" : result.IsNotAllowed ? "akun dinonaktifkan" : "kata sandi salah");
    }

    /// <summary>A hash to check a password against when the account does not exist, so an unknown address costs as long as a known one.</summary>
    static class UnknownAccount<TUser> where TUser : class, new()
    {
        public static readonly string Hash = new PasswordHasher<TUser>().HashPassword(new TUser(), Guid.NewGuid().ToString());
    }
}
