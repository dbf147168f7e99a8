namespace Warta.Web.Academy;

/// <summary>The Academy's public addresses; each page's <c>@page</c> spells its own and the endpoint test checks it is one of these.</summary>
public static class AcademyRoutes
{
    public const string Courses = "/akademi";
    public const string Course = Courses + "/{slug}";
    public static string CourseUrlOf(string slug) => Courses + "/" + slug;
}
