namespace Fleet.Compliance.Policy;

/// <summary>One entry of an application's <c>paths</c>: a folder to search on one platform (darwin, win32 or linux).</summary>
public sealed record ApplicationPath(string Platform, string Folder);
