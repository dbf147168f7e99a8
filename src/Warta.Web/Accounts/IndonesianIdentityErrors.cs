using Microsoft.AspNetCore.Identity;

namespace Warta.Web.Accounts;

/// <summary>Identity's messages in Indonesian: staff read them on the invite, profile and staff pages.</summary>
public sealed class IndonesianIdentityErrors : IdentityErrorDescriber
{
    public override IdentityError DefaultError() => new() { Code = nameof(DefaultError), Description = "Terjadi kesalahan; tidak ada yang disimpan." };
    public override IdentityError PasswordMismatch() => new() { Code = nameof(PasswordMismatch), Description = "Kata sandi saat ini salah." };
    public override IdentityError InvalidToken() => new() { Code = nameof(InvalidToken), Description = "Kode tidak valid atau sudah kedaluwarsa." };
    public override IdentityError InvalidEmail(string? email) => new() { Code = nameof(InvalidEmail), Description = $"Alamat email '{email}' tidak valid." };
    public override IdentityError InvalidUserName(string? userName) => new() { Code = nameof(InvalidUserName), Description = $"Nama pengguna '{userName}' tidak valid." };
    public override IdentityError DuplicateEmail(string email) => new() { Code = nameof(DuplicateEmail), Description = $"Email '{email}' sudah dipakai akun lain." };
    public override IdentityError DuplicateUserName(string userName) => new() { Code = nameof(DuplicateUserName), Description = $"Email '{userName}' sudah dipakai akun lain." };
    public override IdentityError PasswordTooShort(int length) => new() { Code = nameof(PasswordTooShort), Description = $"Kata sandi minimal {length} karakter." };
    public override IdentityError PasswordRequiresUniqueChars(int uniqueChars) => new() { Code = nameof(PasswordRequiresUniqueChars), Description = $"Kata sandi harus memuat setidaknya {uniqueChars} karakter berbeda." };
    public override IdentityError UserAlreadyInRole(string role) => new() { Code = nameof(UserAlreadyInRole), Description = $"Akun sudah berperan {role}." };
    public override IdentityError UserNotInRole(string role) => new() { Code = nameof(UserNotInRole), Description = $"Akun tidak berperan {role}." };
    public override IdentityError ConcurrencyFailure() => new() { Code = nameof(ConcurrencyFailure), Description = "Akun ini baru saja diubah orang lain; muat ulang halaman dan coba lagi." };
}
