using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Warta.Web.Data;
using Warta.Web.Shared;

namespace Warta.Web.Accounts.Staff;

public sealed class StaffOptions
{
    /// <summary><c>Warta:Staff:RequireAdminTwoFactor</c>: admins without two-factor sign-in are sent to set it up first.</summary>
    public bool RequireAdminTwoFactor { get; set; }
    /// <summary>How long an invite link works.</summary>
    public int InviteDays { get; set; } = 7;
    /// <summary>Sign-in attempts (and sign-in page loads) per minute from one address.</summary>
    public int LoginAttemptsPerMinute { get; set; } = 10;
}

/// <summary>Who may open which staff page, and the checks that make role changes and disabling take effect at once.</summary>
public static class StaffAccess
{
    /// <summary>Any staff role: what every <see cref="StaffPage"/> requires unless it names a narrower policy.</summary>
    public const string StaffPolicy = "staff";
    public const string AdminPolicy = "staff:admin";
    public const string EditorPolicy = "staff:editor";

    public const string TwoFactorSetupPath = StaffRoutes.TwoFactorSetup;

    public static void AddPolicies(AuthorizationOptions options)
    {
        options.AddPolicy(StaffPolicy, p => p.AddAuthenticationSchemes(IdentityConstants.ApplicationScheme).RequireRole(StaffRoles.All));
        options.AddPolicy(AdminPolicy, p => p.AddAuthenticationSchemes(IdentityConstants.ApplicationScheme).RequireRole(StaffRoles.Admin));
        options.AddPolicy(EditorPolicy, p => p.AddAuthenticationSchemes(IdentityConstants.ApplicationScheme).RequireRole(StaffRoles.Admin, StaffRoles.Editor));
    }

    public static IServiceCollection AddStaffAccounts(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton(configuration.GetSection("Warta:Staff").Get<StaffOptions>() ?? new StaffOptions());
        services.AddScoped<StaffInvites>();
        services.AddScoped<StaffAccounts>();
        return services;
    }

    public static void ConfigureCookie(CookieAuthenticationOptions o)
    {
        o.LoginPath = StaffRoutes.SignIn;
        o.Cookie.Name = ReaderPagePolicy.StaffCookie;
        o.Cookie.HttpOnly = true;
        o.Cookie.SameSite = SameSiteMode.Lax;
        o.ExpireTimeSpan = TimeSpan.FromHours(10);
        o.Events.OnValidatePrincipal = ValidateSessionAsync;
        o.Events.OnRedirectToAccessDenied = async context =>
        {
            // A page the role may not open: say so in place (a redirect would only lead to the same answer).
            context.Response.StatusCode = StatusCodes.Status403Forbidden;
            context.Response.ContentType = "text/html; charset=utf-8";
            await context.Response.WriteAsync(ForbiddenPage);
        };
    }

    static readonly string ForbiddenPage = AccountRules.MessagePage("Redaksi Warta", "Akses ditolak",
        "Peran Anda tidak mengizinkan membuka halaman ini. Hubungi admin redaksi bila Anda memerlukannya.", "/redaksi", "Kembali ke meja redaksi");

    static readonly string TooManyAttemptsPage = AccountRules.MessagePage("Redaksi Warta", "Terlalu banyak percobaan",
        "Dari alamat ini ada terlalu banyak percobaan masuk dalam satu menit. Tunggu sebentar, lalu coba lagi.", StaffRoutes.SignIn, "Kembali ke halaman masuk");

    public static ValueTask TooManyAttemptsAsync(Microsoft.AspNetCore.RateLimiting.OnRejectedContext context, CancellationToken cancellation) =>
        AccountRules.WriteRefusalAsync(context, TooManyAttemptsPage, cancellation);

    const string TwoFactorItem = "warta:staff-2fa";

    /// <summary>
    /// Runs on every request that carries the staff cookie: one query by primary key reads the account's security stamp,
    /// disabled flag, two-factor state and roles. A changed stamp (password changed elsewhere, account disabled) or a
    /// disabled account ends the session; changed roles replace the cookie's roles at once.
    /// </summary>
    public static async Task ValidateSessionAsync(CookieValidatePrincipalContext context)
    {
        var principal = context.Principal;
        var identityOptions = context.HttpContext.RequestServices.GetRequiredService<IOptions<IdentityOptions>>().Value;
        var id = principal?.FindFirstValue(identityOptions.ClaimsIdentity.UserIdClaimType);
        var stamp = principal?.FindFirstValue(identityOptions.ClaimsIdentity.SecurityStampClaimType);
        if (principal is null || id is null || stamp is null)
        {
            await RejectAsync(context);
            return;
        }
        var db = context.HttpContext.RequestServices.GetRequiredService<WartaDb>();
        var account = await db.Users.AsNoTracking().Where(u => u.Id == id)
            .Select(u => new
            {
                u.SecurityStamp, u.DisabledAt, u.TwoFactorEnabled,
                Roles = db.UserRoles.Where(r => r.UserId == u.Id).Join(db.Roles, ur => ur.RoleId, r => r.Id, (_, r) => r.Name!).ToList(),
            })
            .SingleOrDefaultAsync(context.HttpContext.RequestAborted);
        if (account is null || account.DisabledAt is not null || account.SecurityStamp != stamp)
        {
            await RejectAsync(context);
            return;
        }
        context.HttpContext.Items[TwoFactorItem] = account.TwoFactorEnabled;

        var roleType = identityOptions.ClaimsIdentity.RoleClaimType;
        var held = principal.FindAll(roleType).Select(c => c.Value).ToHashSet(StringComparer.Ordinal);
        if (held.SetEquals(account.Roles)) return;
        var identity = new ClaimsIdentity(principal.Claims.Where(c => c.Type != roleType), principal.Identity?.AuthenticationType,
            identityOptions.ClaimsIdentity.UserNameClaimType, roleType);
        foreach (var role in account.Roles) identity.AddClaim(new Claim(roleType, role));
        context.ReplacePrincipal(new ClaimsPrincipal(identity));
        context.ShouldRenew = true;
    }

    static async Task RejectAsync(CookieValidatePrincipalContext context)
    {
        context.RejectPrincipal();
        await context.HttpContext.SignOutAsync(IdentityConstants.ApplicationScheme);
    }

    /// <summary>
    /// With <c>Warta:Staff:RequireAdminTwoFactor</c> on, an admin without two-factor sign-in can open only the page that
    /// sets it up (and sign out) until it is done.
    /// </summary>
    public static IApplicationBuilder UseAdminTwoFactorRequirement(this IApplicationBuilder app) =>
        app.Use(async (http, next) =>
        {
            var options = http.RequestServices.GetRequiredService<StaffOptions>();
            if (options.RequireAdminTwoFactor
                && http.Request.Path.StartsWithSegments("/redaksi")
                && !http.Request.Path.StartsWithSegments(TwoFactorSetupPath)
                && !http.Request.Path.StartsWithSegments(StaffRoutes.SignOut)
                && http.User.IsInRole(StaffRoles.Admin)
                && http.Items.TryGetValue(TwoFactorItem, out var enabled) && enabled is false)
            {
                http.Response.Redirect(TwoFactorSetupPath + "?wajib=1");
                return;
            }
            await next(http);
        });
}

public static class StaffNames
{
    /// <summary>A role as staff read it.</summary>
    public static string Role(string role) => role switch
    {
        StaffRoles.Admin => "Admin",
        StaffRoles.Editor => "Editor",
        StaffRoles.Writer => "Penulis",
        _ => role,
    };
}

/// <summary>A disabled account cannot sign in, whatever its password.</summary>
public sealed class StaffSignInManager(UserManager<StaffUser> users, IHttpContextAccessor http, IUserClaimsPrincipalFactory<StaffUser> claims,
    IOptions<IdentityOptions> options, ILogger<SignInManager<StaffUser>> logger, IAuthenticationSchemeProvider schemes, IUserConfirmation<StaffUser> confirmation)
    : SignInManager<StaffUser>(users, http, claims, options, logger, schemes, confirmation)
{
    public override async Task<bool> CanSignInAsync(StaffUser user) => user.DisabledAt is null && await base.CanSignInAsync(user);
}

/// <summary>The staff's lockout on the app's clock (<see cref="ClockedUserManager{TUser}"/>).</summary>
public sealed class StaffUserManager(IUserStore<StaffUser> store, IOptions<IdentityOptions> options, IPasswordHasher<StaffUser> hasher,
    IEnumerable<IUserValidator<StaffUser>> userValidators, IEnumerable<IPasswordValidator<StaffUser>> passwordValidators, ILookupNormalizer normalizer,
    IdentityErrorDescriber errors, IServiceProvider services, ILogger<UserManager<StaffUser>> logger, TimeProvider clock)
    : ClockedUserManager<StaffUser>(store, options, hasher, userValidators, passwordValidators, normalizer, errors, services, logger, clock);
