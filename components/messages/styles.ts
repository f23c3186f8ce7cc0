export const inputCls =
  'w-full rounded-md border border-slate-300 bg-white px-2 py-1 text-sm disabled:opacity-50 aria-[invalid=true]:border-red-500 dark:border-slate-700 dark:bg-slate-800';
export const labelCls = 'block text-xs font-medium text-slate-600 dark:text-slate-300';
