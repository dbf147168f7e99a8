using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Warta.Web.Data;
using Warta.Web.Shared;
using Warta.Web.Accounts;

namespace Warta.Web.Accounts.Staff;

public sealed class ProfileModel(UserManager<StaffUser> users, SignInManager<StaffUser> signIn, WartaDb db, TimeProvider clock) : StaffPage
{
    public Errors Errors { get; private set; } = new();
    public StaffUser Account { get; private set; } = null!;

    [BindProperty] public string? CurrentPassword { get; set; }
    [BindProperty] public string? NewPassword { get; set; }
    [BindProperty] public string? Confirmation { get; set; }

    public async Task<IActionResult> OnGetAsync()
    {
        Account = await users.GetUserAsync(User) ?? throw new InvalidOperationException("A signed-in session without its account.");
        return Page();
    }

    /// <summary>A new password ends every other session: the new security stamp fails their next check; this one is re-issued.</summary>
    public async Task<IActionResult> OnPostPasswordAsync()
    {
        Account = await users.GetUserAsync(User) ?? throw new InvalidOperationException("A signed-in session without its account.");
        if (string.IsNullOrEmpty(CurrentPassword)) Errors.Add("currentPassword", "Kata sandi saat ini wajib diisi.");
        if (string.IsNullOrEmpty(NewPassword)) Errors.Add("newPassword", "Kata sandi baru wajib diisi.");
        else if (NewPassword != Confirmation) Errors.Add("confirmation", "Kedua kata sandi baru tidak sama.");
        if (!Errors.Any)
        {
            await using var transaction = await db.Database.BeginTransactionAsync();
            var changed = await users.ChangePasswordAsync(Account, CurrentPassword!, NewPassword!);
            if (changed.Succeeded)
            {
                AuditLog.Add(db, clock, HttpContext, AuditActions.PasswordChange, Account.Email);
                await db.SaveChangesAsync();
                await transaction.CommitAsync();
                await signIn.RefreshSignInAsync(Account);
                Notice = "Kata sandi diganti. Sesi di perangkat lain telah diakhiri.";
                return Page();
            }
            foreach (var e in changed.Errors) Errors.Add(e.Code == "PasswordMismatch" ? "currentPassword" : "newPassword", e.Description);
        }
        Response.StatusCode = StatusCodes.Status400BadRequest;
        return Page();
    }
}
