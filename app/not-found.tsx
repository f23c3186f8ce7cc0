import Link from 'next/link';

export default function NotFound() {
  return (
    <main className="mx-auto max-w-xl p-10">
      <h1 className="text-xl font-semibold">Not found</h1>
      <p className="mt-2 text-slate-600 dark:text-slate-400">There is no such cluster or page in this console.</p>
      <Link className="mt-4 inline-block text-blue-600 underline dark:text-blue-400" href="/">
        Back to the console
      </Link>
    </main>
  );
}
