"use client";

import { useSearchParams } from "next/navigation";
import { Suspense } from "react";
import { ClipEditor } from "@/components/editor/clip-editor";
import { PageHeader } from "@/components/ui/page-header";
import { Empty, Loading } from "@/components/ui/states";

function EditorFromAddress() {
  const id = useSearchParams().get("id");
  if (!id)
    return (
      <>
        <PageHeader title="Edit clip" />
        <Empty title="No clip chosen">
          Pick one on the <a className="font-medium text-brand-700 underline" href="/clips">Clips</a> page.
        </Empty>
      </>
    );
  return <ClipEditor clipId={id} />;
}

export default function ClipEditPage() {
  return (
    <Suspense fallback={<Loading />}>
      <EditorFromAddress />
    </Suspense>
  );
}
