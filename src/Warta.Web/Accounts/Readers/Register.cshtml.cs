using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.EntityFrameworkCore;
using Warta.Web.Shared;

namespace Warta.Web.Accounts.Readers;

/// <summary>
/// Open registration: anyone with an email address gets a reader account, and a link to confirm the address. The answer
/// is "check your mail" whether the address was new or already had an account (whose owner gets a note instead), and it
/// costs the same: one password hash either way, and mail leaves in the background. Nobody is signed in here, so the
/// response carries no cookie that would tell the two apart; the reader signs in with the password just chosen.
/// </summary>
[EnableRateLimiting(AccountRules.ReaderSignInLimit)]
public sealed class RegisterModel(ReaderUserManager readers, ReaderMail mail, ReaderMailLimit mailLimit, TimeProvider clock) : ReaderAccountPage
{
    protected override string Title => "Daftar";

    public const int MaxNameLength = 100;

    [BindProperty] public string? Email { get; set; }
    [BindProperty] public string? Password { get; set; }
    [BindProperty] public string? Name { get; set; }
    [BindProperty(SupportsGet = true)] public string? ReturnUrl { get; set; }
    /// <summary>Where the reader came from (the story behind a paywall), carried on to the sign-in; only a path on this site.</summary>
    public string? Back => LocalUrl.IsLocalPath(ReturnUrl) ? ReturnUrl : null;

    /// <summary>What stopped the registration, by form field.</summary>
    public Dictionary<string, string> Errors { get; } = new(StringComparer.Ordinal);
    /// <summary>The registration was taken: the page says to check the mail.</summary>
    public bool Sent { get; private set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync()
    {
        var email = Email?.Trim() ?? "";
        var name = Name?.Trim() ?? "";
        if (!IsEmailAddress(email)) Errors[nameof(Email)] = "Tulis alamat email yang valid.";
        if (name.Length == 0) Errors[nameof(Name)] = "Tulis nama Anda.";
        else if (name.Length > MaxNameLength) Errors[nameof(Name)] = $"Nama paling panjang {MaxNameLength} karakter.";
        var reader = new ReaderUser { UserName = email, Email = email, DisplayName = name, CreatedAt = clock.GetUtcNow() };
        if (string.IsNullOrEmpty(Password)) Errors[nameof(Password)] = "Buat kata sandi.";
        else
            foreach (var validator in readers.PasswordValidators)
                if ((await validator.ValidateAsync(readers, reader, Password)).Errors.FirstOrDefault() is { } weak)
                    Errors.TryAdd(nameof(Password), weak.Description);
        Password = Errors.Count == 0 ? Password : null;
        if (Errors.Count > 0)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }
        if (!mailLimit.TryTake(email)) return TooManyMails();

        var existing = await readers.FindByEmailAsync(email);
        if (existing is null)
        {
            try
            {
                var created = await readers.CreateAsync(reader, Password!);
                if (created.Succeeded) await mail.ConfirmationAsync(reader);
                else existing = await readers.FindByEmailAsync(email) ?? throw new InvalidOperationException(string.Join("; ", created.Errors.Select(e => e.Code)));
            }
            catch (DbUpdateException)
            {
                // Two registrations of one address in the same instant: the unique index let only one in.
                existing = await readers.FindByEmailAsync(email);
                if (existing is null) throw;
            }
        }
        else
        {
            // The hash a new account would have cost, so the answer takes as long.
            readers.PasswordHasher.HashPassword(existing, Password!);
        }
        if (existing is not null) await mail.AlreadyRegisteredAsync(existing);
        Password = null;
        Email = email;
        Sent = true;
        return Page();
    }

    public static bool IsEmailAddress(string email) => email.Length <= 256 && new EmailAddressAttribute().IsValid(email);
}
