namespace Warta.Web.Academy;

/// <summary>The Academy's public addresses; each page's <c>@page</c> spells its own and the endpoint test checks it is one of these.</summary>
public static class AcademyRoutes
{
    public const string Courses = "/akademi";
    public const string Course = Courses + "/{slug}";
    /// <summary>A signed-in reader's registration for a course: the form, then its confirmation, payment or place in line.</summary>
    public const string Registration = Course + "/daftar";
    public const string Attendees = "/redaksi/admin/kelas/{id:guid}/peserta";
    public static string CourseUrlOf(string slug) => Courses + "/" + slug;
    public static string RegistrationUrlOf(string slug) => CourseUrlOf(slug) + "/daftar";
    public static string AttendeesUrlOf(Guid id) => $"/redaksi/admin/kelas/{id}/peserta";
}
