using Warta.Web.Shared;

namespace Warta.Web.Accounts.Readers;

/// <summary>
/// The messages reader accounts send, in Indonesian, with their links. Each goes through the mail outbox, so writing one
/// costs a request no waiting (and no time that tells an address with an account from one without).
/// </summary>
public sealed class ReaderMail(ReaderUserManager readers, IMailer mailer, SiteOptions site)
{
    public async Task ConfirmationAsync(ReaderUser reader)
    {
        var link = Link(ReaderAccess.ConfirmPath, reader.Id, await readers.GenerateEmailConfirmationTokenAsync(reader));
        await SendAsync(reader.Email!, $"Konfirmasi email akun {site.Brand} Anda",
            $"""
            Halo {reader.DisplayName},

            Buka tautan ini untuk mengonfirmasi alamat email akun {site.Name} Anda:
            {link}

            Tautan berlaku tiga hari. Jika Anda tidak mendaftar di {site.Name}, abaikan email ini.
            """);
    }

    /// <summary>Someone registered with an address that already has an account: its owner hears of it, the page says nothing.</summary>
    public async Task AlreadyRegisteredAsync(ReaderUser reader)
    {
        var confirm = reader.EmailConfirmed ? "" :
            $"""

            Alamat ini belum dikonfirmasi. Konfirmasikan lewat tautan ini:
            {Link(ReaderAccess.ConfirmPath, reader.Id, await readers.GenerateEmailConfirmationTokenAsync(reader))}

            """;
        await SendAsync(reader.Email!, $"Anda sudah punya akun {site.Brand}",
            $"""
            Halo {reader.DisplayName},

            Seseorang (mungkin Anda) mencoba mendaftar di {site.Name} dengan alamat email ini, padahal alamat ini sudah punya akun. Tidak ada akun baru yang dibuat.
            {confirm}
            Masuk: {site.Absolute(ReaderAccess.SignInPath)}
            Lupa kata sandi: {site.Absolute(ReaderAccess.ForgotPasswordPath)}

            Jika bukan Anda yang mencoba mendaftar, abaikan email ini.
            """);
    }

    public async Task PasswordResetAsync(ReaderUser reader)
    {
        var link = Link(ReaderAccess.ResetPasswordPath, reader.Id, await readers.GeneratePasswordResetTokenAsync(reader));
        await SendAsync(reader.Email!, $"Buat kata sandi baru untuk akun {site.Brand}",
            $"""
            Halo {reader.DisplayName},

            Buka tautan ini untuk membuat kata sandi baru:
            {link}

            Tautan berlaku dua jam dan hanya sekali pakai. Jika Anda tidak memintanya, abaikan email ini; kata sandi Anda tidak berubah.
            """);
    }

    public async Task EmailChangeAsync(ReaderUser reader, string newEmail)
    {
        var token = await readers.GenerateChangeEmailTokenAsync(reader, newEmail);
        var link = Link(ReaderAccess.ConfirmEmailChangePath, reader.Id, token) + "&email=" + Uri.EscapeDataString(newEmail);
        await SendAsync(newEmail, $"Konfirmasi alamat email baru akun {site.Brand}",
            $"""
            Halo {reader.DisplayName},

            Anda meminta agar akun {site.Name} Anda memakai alamat email ini. Buka tautan ini untuk mengonfirmasinya:
            {link}

            Tautan berlaku tiga hari. Jika Anda tidak memintanya, abaikan email ini; tidak ada yang berubah.
            """);
    }

    /// <summary>A reader asked to move their account to an address that has its own account: its owner hears of it, the page says nothing.</summary>
    public Task AddressTakenAsync(string email) => SendAsync(email, $"Permintaan ganti email di {site.Brand}",
        $"""
        Seseorang meminta agar akun {site.Name} lain memakai alamat email ini. Alamat ini sudah punya akun sendiri, jadi tidak ada yang diubah.

        Jika Anda lupa kata sandi akun Anda: {site.Absolute(ReaderAccess.ForgotPasswordPath)}
        """);

    public Task EmailChangedAsync(string oldEmail, ReaderUser reader) => SendAsync(oldEmail, $"Email akun {site.Brand} Anda telah diganti",
        $"""
        Halo {reader.DisplayName},

        Akun {site.Name} Anda kini memakai alamat {reader.Email}; email berikutnya dikirim ke sana, dan alamat ini tidak lagi dipakai untuk masuk.

        Jika bukan Anda yang menggantinya, segera balas email ini agar kami dapat memulihkan akun Anda.
        """);

    public Task PasswordChangedAsync(ReaderUser reader) => SendAsync(reader.Email!, $"Kata sandi akun {site.Brand} Anda telah diganti",
        $"""
        Halo {reader.DisplayName},

        Kata sandi akun {site.Name} Anda baru saja diganti, dan sesi di perangkat lain telah diakhiri.

        Jika bukan Anda yang menggantinya, buat kata sandi baru sekarang: {site.Absolute(ReaderAccess.ForgotPasswordPath)}
        """);

    public Task AccountDeletedAsync(string email, string name) => SendAsync(email, $"Akun {site.Brand} Anda telah dihapus",
        $"""
        Halo {name},

        Akun {site.Name} Anda dan data pribadi di dalamnya telah dihapus atas permintaan Anda. Faktur pembelian disimpan tanpa nama dan alamat Anda, sebagaimana diwajibkan hukum.

        Terima kasih telah membaca {site.Name}.
        """);

    string Link(string path, Guid readerId, string token) => site.Absolute($"{path}?id={readerId}&kode={Uri.EscapeDataString(token)}");

    Task SendAsync(string to, string subject, string text) => mailer.SendAsync(new OutgoingMail(to, subject, text));
}
