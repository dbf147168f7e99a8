using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Warta.Web.Data;
using Warta.Web.Shared;
using Warta.Web.Accounts;

namespace Warta.Web.Accounts.Staff;

/// <summary>
/// Two-factor sign-in with an authenticator app (TOTP, RFC 6238): the shared key is shown as text and as an otpauth URI
/// (no QR image, so nothing is fetched or drawn), confirmed with a first code, and backed by one-time recovery codes.
/// </summary>
public sealed class TwoFactorModel(UserManager<StaffUser> users, SignInManager<StaffUser> signIn, WartaDb db, TimeProvider clock, StaffOptions options) : StaffPage
{
    public Errors Errors { get; private set; } = new();
    public StaffUser Account { get; private set; } = null!;
    public string? SharedKey { get; private set; }
    public string? AuthenticatorUri { get; private set; }
    public IReadOnlyList<string> RecoveryCodes { get; private set; } = [];
    public int RecoveryCodesLeft { get; private set; }
    /// <summary><c>?wajib=1</c>: the admin was sent here because two-factor sign-in is required.</summary>
    [BindProperty(SupportsGet = true, Name = "wajib")] public string? RequiredFlag { get; set; }
    public bool Required => RequiredFlag == "1";
    public bool MayTurnOff => !(options.RequireAdminTwoFactor && User.IsInRole(StaffRoles.Admin));

    [BindProperty] public string? Code { get; set; }
    [BindProperty] public string? Password { get; set; }

    public async Task<IActionResult> OnGetAsync()
    {
        await LoadAsync();
        return Page();
    }

    /// <summary>Makes the authenticator key. A POST, since it changes the security stamp (other sessions end); a GET never does.</summary>
    public async Task<IActionResult> OnPostKeyAsync()
    {
        await LoadAsync();
        if (Account.TwoFactorEnabled || SharedKey is not null) return Page();
        await using (var transaction = await db.Database.BeginTransactionAsync())
        {
            Check(await users.ResetAuthenticatorKeyAsync(Account));
            await transaction.CommitAsync();
        }
        // The stamp changed; re-issue this session's cookie so it stays valid.
        await signIn.RefreshSignInAsync(Account);
        await LoadAsync();
        return Page();
    }

    public async Task<IActionResult> OnPostEnableAsync()
    {
        await LoadAsync();
        if (Account.TwoFactorEnabled) return Page();
        var code = (Code ?? "").Replace(" ", "", StringComparison.Ordinal).Replace("-", "", StringComparison.Ordinal);
        if (code.Length == 0 || !await users.VerifyTwoFactorTokenAsync(Account, users.Options.Tokens.AuthenticatorTokenProvider, code))
        {
            Errors.Add("code", "Kode tidak cocok. Periksa jam di ponsel Anda dan masukkan kode yang sedang tampil.");
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }
        await using (var transaction = await db.Database.BeginTransactionAsync())
        {
            Check(await users.SetTwoFactorEnabledAsync(Account, true));
            RecoveryCodes = (await users.GenerateNewTwoFactorRecoveryCodesAsync(Account, 10))?.ToList() ?? [];
            AuditLog.Add(db, clock, HttpContext, AuditActions.TwoFactorOn, Account.Email);
            await db.SaveChangesAsync();
            await transaction.CommitAsync();
        }
        await signIn.RefreshSignInAsync(Account);
        Notice = "Verifikasi dua langkah aktif. Simpan kode pemulihan di bawah ini di tempat aman; kode ini tidak ditampilkan lagi.";
        RequiredFlag = null;
        await LoadAsync();
        return Page();
    }

    public async Task<IActionResult> OnPostDisableAsync()
    {
        await LoadAsync();
        if (!Account.TwoFactorEnabled) return Page();
        if (!MayTurnOff) Errors.Add("code", "Verifikasi dua langkah wajib untuk admin dan tidak dapat dimatikan.");
        else if (string.IsNullOrEmpty(Password) || !await users.CheckPasswordAsync(Account, Password)) Errors.Add("password", "Kata sandi salah.");
        if (Errors.Any)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }
        await using (var transaction = await db.Database.BeginTransactionAsync())
        {
            Check(await users.SetTwoFactorEnabledAsync(Account, false));
            // A fresh key for next time: whoever saw the old one cannot reuse it.
            Check(await users.ResetAuthenticatorKeyAsync(Account));
            AuditLog.Add(db, clock, HttpContext, AuditActions.TwoFactorOff, Account.Email);
            await db.SaveChangesAsync();
            await transaction.CommitAsync();
        }
        await signIn.RefreshSignInAsync(Account);
        Notice = "Verifikasi dua langkah dimatikan.";
        await LoadAsync();
        return Page();
    }

    public async Task<IActionResult> OnPostRecoveryCodesAsync()
    {
        await LoadAsync();
        if (!Account.TwoFactorEnabled) return Page();
        await using (var transaction = await db.Database.BeginTransactionAsync())
        {
            RecoveryCodes = (await users.GenerateNewTwoFactorRecoveryCodesAsync(Account, 10))?.ToList() ?? [];
            AuditLog.Add(db, clock, HttpContext, AuditActions.RecoveryCodesRenewed, Account.Email);
            await db.SaveChangesAsync();
            await transaction.CommitAsync();
        }
        Notice = "Kode pemulihan baru dibuat; kode lama tidak berlaku lagi.";
        RecoveryCodesLeft = RecoveryCodes.Count;
        return Page();
    }

    async Task LoadAsync()
    {
        Account = await users.GetUserAsync(User) ?? throw new InvalidOperationException("A signed-in session without its account.");
        if (Account.TwoFactorEnabled)
        {
            RecoveryCodesLeft = await users.CountRecoveryCodesAsync(Account);
            return;
        }
        var key = await users.GetAuthenticatorKeyAsync(Account);
        // No key yet: the page offers to make one (OnPostKeyAsync).
        if (string.IsNullOrEmpty(key)) return;
        SharedKey = string.Join(' ', key.ToLowerInvariant().Chunk(4).Select(c => new string(c)));
        var issuer = Uri.EscapeDataString("Warta");
        AuthenticatorUri = $"otpauth://totp/{issuer}:{Uri.EscapeDataString(Account.Email ?? Account.Id)}?secret={key}&issuer={issuer}&digits=6";
    }

    static void Check(IdentityResult result)
    {
        if (!result.Succeeded) throw new InvalidOperationException(string.Join(" ", result.Errors.Select(e => e.Description)));
    }
}
