using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Warta.Web.Data;

namespace Warta.Web.Accounts.Readers;

/// <summary>
/// How a reader is signed in: a cookie scheme of its own, apart from the staff's. The app's default scheme stays the
/// staff's, so a reader cookie is read only where a page asks for <see cref="Policy"/>: it never opens a staff page, and a
/// staff cookie never makes anyone a reader. A reader's form must be shown and handled under the same policy: its
/// antiforgery token is bound to the user the page saw.
/// </summary>
public static class ReaderAccess
{
    public const string Scheme = "Warta.Reader";
    public const string Policy = "reader";

    public const string Area = "/akun";
    public const string AccountPath = "/akun";
    public const string SignInPath = "/akun/masuk";
    public const string RegisterPath = "/akun/daftar";
    public const string SignOutPath = "/akun/keluar";
    public const string ConfirmPath = "/akun/konfirmasi";
    public const string ResendConfirmationPath = "/akun/konfirmasi/kirim-ulang";
    public const string ForgotPasswordPath = "/akun/lupa-sandi";
    public const string ResetPasswordPath = "/akun/sandi-baru";
    public const string ChangePasswordPath = "/akun/sandi";
    public const string ChangeEmailPath = "/akun/email";
    public const string ConfirmEmailChangePath = "/akun/email/konfirmasi";
    public const string PersonalDataPath = "/akun/data";
    public const string PersonalDataDownloadPath = "/akun/data/unduh";
    public const string DeletePath = "/akun/hapus";

    public static void AddPolicies(AuthorizationOptions options) =>
        options.AddPolicy(Policy, p => p.AddAuthenticationSchemes(Scheme).RequireAuthenticatedUser());

    public static void ConfigureCookie(CookieAuthenticationOptions o)
    {
        // The shared output cache steps aside for any request carrying this cookie, so a reader's page is never shared.
        o.Cookie.Name = Shared.CookieAudienceResolver.AudienceCookie;
        o.LoginPath = SignInPath;
        o.LogoutPath = SignOutPath;
        o.AccessDeniedPath = SignInPath;
        o.ExpireTimeSpan = TimeSpan.FromDays(30);
        o.SlidingExpiration = true;
        o.Events.OnValidatePrincipal = ValidateSessionAsync;
    }

    static readonly string TooManyAttemptsPage = AccountRules.MessagePage("Warta", "Terlalu banyak percobaan",
        "Dari alamat ini ada terlalu banyak percobaan dalam waktu singkat. Tunggu sebentar, lalu coba lagi.", SignInPath, "Kembali ke halaman masuk");

    public static ValueTask TooManyAttemptsAsync(OnRejectedContext context, CancellationToken cancellation) =>
        AccountRules.WriteRefusalAsync(context, TooManyAttemptsPage, cancellation);

    /// <summary>
    /// Runs on every request that reads the reader cookie: one query by primary key. A changed security stamp (a password
    /// changed elsewhere) or a closed account ends the session.
    /// </summary>
    static async Task ValidateSessionAsync(CookieValidatePrincipalContext context)
    {
        var claims = context.HttpContext.RequestServices.GetRequiredService<IOptions<IdentityOptions>>().Value.ClaimsIdentity;
        var stamp = context.Principal?.FindFirstValue(claims.SecurityStampClaimType);
        if (Guid.TryParse(context.Principal?.FindFirstValue(claims.UserIdClaimType), out var id) && stamp is not null)
        {
            var db = context.HttpContext.RequestServices.GetRequiredService<WartaDb>();
            var open = await db.Readers.AnyAsync(r => r.Id == id && r.SecurityStamp == stamp && r.DisabledAt == null, context.HttpContext.RequestAborted);
            if (open) return;
        }
        context.RejectPrincipal();
        await context.HttpContext.SignOutAsync(Scheme);
    }
}

/// <summary>Signs readers in and out with the reader cookie only; a closed account cannot sign in, whatever its password.</summary>
public sealed class ReaderSignInManager : SignInManager<ReaderUser>
{
    public ReaderSignInManager(UserManager<ReaderUser> users, IHttpContextAccessor http, IUserClaimsPrincipalFactory<ReaderUser> claims,
        IOptions<IdentityOptions> options, ILogger<SignInManager<ReaderUser>> logger, IAuthenticationSchemeProvider schemes, IUserConfirmation<ReaderUser> confirmation)
        : base(users, http, claims, options, logger, schemes, confirmation)
    {
        AuthenticationScheme = ReaderAccess.Scheme;
    }

    public override async Task<bool> CanSignInAsync(ReaderUser user) => user.DisabledAt is null && await base.CanSignInAsync(user);

    /// <summary>
    /// The signed-in reader typed their password again (to change it, move the account, or delete it). A wrong one counts
    /// towards the lockout like a failed sign-in, so a session left open is no way to guess it.
    /// </summary>
    public async Task<bool> PasswordConfirmedAsync(ReaderUser reader, string? password) =>
        !string.IsNullOrEmpty(password) && (await CheckPasswordSignInAsync(reader, password, lockoutOnFailure: true)).Succeeded;

    /// <summary>Only the reader cookie: Identity's own sign-out would also clear the staff's two-factor and external cookies.</summary>
    public override Task SignOutAsync() => Context.SignOutAsync(AuthenticationScheme);
}

/// <summary>
/// The readers' user manager: lockout on the app's clock (<see cref="ClockedUserManager{TUser}"/>), and the reader token
/// providers (<see cref="ReaderTokens"/>) registered on this manager alone. IdentityOptions is one set for the whole app,
/// so the readers' choice of providers lives in this manager's own copy of the options, not in the shared map.
/// </summary>
public sealed class ReaderUserManager : ClockedUserManager<ReaderUser>
{
    public ReaderUserManager(IUserStore<ReaderUser> store, IOptions<IdentityOptions> options, IPasswordHasher<ReaderUser> hasher,
        IEnumerable<IUserValidator<ReaderUser>> userValidators, IEnumerable<IPasswordValidator<ReaderUser>> passwordValidators, ILookupNormalizer normalizer,
        IdentityErrorDescriber errors, IServiceProvider services, ILogger<UserManager<ReaderUser>> logger, TimeProvider clock,
        ReaderEmailTokenProvider emailTokens, ReaderPasswordResetTokenProvider passwordResetTokens)
        : base(store, options, hasher, userValidators, passwordValidators, normalizer, errors, services, logger, clock)
    {
        RegisterTokenProvider(ReaderTokens.Email, emailTokens);
        RegisterTokenProvider(ReaderTokens.PasswordReset, passwordResetTokens);
        var shared = Options;
        Options = new IdentityOptions
        {
            ClaimsIdentity = shared.ClaimsIdentity, User = shared.User, Password = shared.Password, Lockout = shared.Lockout,
            SignIn = shared.SignIn, Stores = shared.Stores,
            Tokens = new TokenOptions
            {
                EmailConfirmationTokenProvider = ReaderTokens.Email,
                ChangeEmailTokenProvider = ReaderTokens.Email,
                PasswordResetTokenProvider = ReaderTokens.PasswordReset,
            },
        };
    }

    /// <summary>
    /// Moves the account to the address a change-email link was sent to, in one save: the address is also the user name,
    /// it counts as confirmed (the link reached it), and a new security stamp ends every session but the one the caller
    /// re-issues.
    /// </summary>
    public async Task<IdentityResult> ChangeEmailAndUserNameAsync(ReaderUser reader, string newEmail, string token)
    {
        if (!await VerifyUserTokenAsync(reader, Options.Tokens.ChangeEmailTokenProvider, GetChangeEmailTokenPurpose(newEmail), token))
            return IdentityResult.Failed(ErrorDescriber.InvalidToken());
        reader.Email = newEmail;
        reader.UserName = newEmail;
        reader.EmailConfirmed = true;
        reader.SecurityStamp = Guid.NewGuid().ToString("N");
        await UpdateNormalizedEmailAsync(reader);
        await UpdateNormalizedUserNameAsync(reader);
        return await UpdateUserAsync(reader);
    }
}
