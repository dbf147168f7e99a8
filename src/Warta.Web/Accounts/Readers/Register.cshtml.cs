using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.EntityFrameworkCore;

namespace Warta.Web.Accounts.Readers;

/// <summary>Open registration: anyone with an email address gets a reader account and is signed in at once.</summary>
[EnableRateLimiting(AccountRules.ReaderSignInLimit)]
public sealed class RegisterModel(ReaderSignInManager signIn, TimeProvider clock) : ReaderAccountPage
{
    protected override string Title => "Daftar";

    public const int MaxNameLength = 100;

    [BindProperty] public string? Email { get; set; }
    [BindProperty] public string? Password { get; set; }
    [BindProperty] public string? Name { get; set; }
    [BindProperty(SupportsGet = true)] public string? ReturnUrl { get; set; }

    /// <summary>What stopped the registration, by form field.</summary>
    public Dictionary<string, string> Errors { get; } = new(StringComparer.Ordinal);

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync()
    {
        var email = Email?.Trim() ?? "";
        var name = Name?.Trim() ?? "";
        if (!new EmailAddressAttribute().IsValid(email) || email.Length > 256) Errors[nameof(Email)] = "Tulis alamat email yang valid.";
        if (name.Length == 0) Errors[nameof(Name)] = "Tulis nama Anda.";
        else if (name.Length > MaxNameLength) Errors[nameof(Name)] = $"Nama paling panjang {MaxNameLength} karakter.";
        var reader = new ReaderUser { UserName = email, Email = email, DisplayName = name, CreatedAt = clock.GetUtcNow() };
        if (string.IsNullOrEmpty(Password)) Errors[nameof(Password)] = "Buat kata sandi.";
        else
            foreach (var validator in signIn.UserManager.PasswordValidators)
                if ((await validator.ValidateAsync(signIn.UserManager, reader, Password)).Errors.FirstOrDefault() is { } weak)
                    Errors.TryAdd(nameof(Password), weak.Description);
        if (Errors.Count == 0)
        {
            IdentityResult created;
            try
            {
                created = await signIn.UserManager.CreateAsync(reader, Password!);
            }
            catch (DbUpdateException)
            {
                // Two registrations of one address in the same instant: the unique index let only one in.
                if (await signIn.UserManager.FindByEmailAsync(email) is null) throw;
                created = IdentityResult.Failed(signIn.UserManager.ErrorDescriber.DuplicateEmail(email));
            }
            if (created.Succeeded)
            {
                await signIn.SignInAsync(reader, isPersistent: false);
                return LocalRedirect(SafeReturnUrl(ReturnUrl));
            }
            foreach (var error in created.Errors) Errors.TryAdd(nameof(Email), error.Description);
        }
        Password = null;
        Response.StatusCode = StatusCodes.Status400BadRequest;
        return Page();
    }
}
