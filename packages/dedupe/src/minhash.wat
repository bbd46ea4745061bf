;; MinHash of a text's shingle hashes with 128-bit SIMD: what `minhashScalar` in minhash.ts works out, four
;; permutations per instruction. For each permutation i, the smallest fmix32(shingle xor SEEDS[i]) over the shingles
;; (murmur3's finaliser, unsigned minimum).
;;
;; Memory: SEEDS (128 u32) at 0, the 128 minima written at 512, the shingle hashes (n u32) from 1024.
;; Sixteen permutations per pass over the shingles: their seeds and running minima stay in registers.
;;
;; Compiled into minhashWasm.generated.ts by `npx tsx scripts/build-minhash-wasm.ts`.
(module
  (memory (export "memory") 1)
  (func (export "minhash") (param $n i32)
    (local $group i32) (local $at i32) (local $end i32)
    (local $x v128) (local $h v128) (local $c1 v128) (local $c2 v128)
    (local $s0 v128) (local $s1 v128) (local $s2 v128) (local $s3 v128)
    (local $m0 v128) (local $m1 v128) (local $m2 v128) (local $m3 v128)
    (local.set $c1 (i32x4.splat (i32.const 0x85ebca6b)))
    (local.set $c2 (i32x4.splat (i32.const 0xc2b2ae35)))
    (local.set $end (i32.add (i32.const 1024) (i32.shl (local.get $n) (i32.const 2))))
    (block $groups_done
      (loop $groups
        (br_if $groups_done (i32.ge_u (local.get $group) (i32.const 512)))
        (local.set $s0 (v128.load (local.get $group)))
        (local.set $s1 (v128.load offset=16 (local.get $group)))
        (local.set $s2 (v128.load offset=32 (local.get $group)))
        (local.set $s3 (v128.load offset=48 (local.get $group)))
        (local.set $m0 (v128.const i32x4 -1 -1 -1 -1))
        (local.set $m1 (v128.const i32x4 -1 -1 -1 -1))
        (local.set $m2 (v128.const i32x4 -1 -1 -1 -1))
        (local.set $m3 (v128.const i32x4 -1 -1 -1 -1))
        (local.set $at (i32.const 1024))
        (block $shingles_done
          (loop $shingles
            (br_if $shingles_done (i32.ge_u (local.get $at) (local.get $end)))
            (local.set $x (v128.load32_splat (local.get $at)))
        ;; seeds 0 to 3 of the sixteen
        (local.set $h (v128.xor (local.get $x) (local.get $s0)))
        (local.set $h (v128.xor (local.get $h) (i32x4.shr_u (local.get $h) (i32.const 16))))
        (local.set $h (i32x4.mul (local.get $h) (local.get $c1)))
        (local.set $h (v128.xor (local.get $h) (i32x4.shr_u (local.get $h) (i32.const 13))))
        (local.set $h (i32x4.mul (local.get $h) (local.get $c2)))
        (local.set $h (v128.xor (local.get $h) (i32x4.shr_u (local.get $h) (i32.const 16))))
        (local.set $m0 (i32x4.min_u (local.get $m0) (local.get $h)))
        ;; seeds 4 to 7 of the sixteen
        (local.set $h (v128.xor (local.get $x) (local.get $s1)))
        (local.set $h (v128.xor (local.get $h) (i32x4.shr_u (local.get $h) (i32.const 16))))
        (local.set $h (i32x4.mul (local.get $h) (local.get $c1)))
        (local.set $h (v128.xor (local.get $h) (i32x4.shr_u (local.get $h) (i32.const 13))))
        (local.set $h (i32x4.mul (local.get $h) (local.get $c2)))
        (local.set $h (v128.xor (local.get $h) (i32x4.shr_u (local.get $h) (i32.const 16))))
        (local.set $m1 (i32x4.min_u (local.get $m1) (local.get $h)))
        ;; seeds 8 to 11 of the sixteen
        (local.set $h (v128.xor (local.get $x) (local.get $s2)))
        (local.set $h (v128.xor (local.get $h) (i32x4.shr_u (local.get $h) (i32.const 16))))
        (local.set $h (i32x4.mul (local.get $h) (local.get $c1)))
        (local.set $h (v128.xor (local.get $h) (i32x4.shr_u (local.get $h) (i32.const 13))))
        (local.set $h (i32x4.mul (local.get $h) (local.get $c2)))
        (local.set $h (v128.xor (local.get $h) (i32x4.shr_u (local.get $h) (i32.const 16))))
        (local.set $m2 (i32x4.min_u (local.get $m2) (local.get $h)))
        ;; seeds 12 to 15 of the sixteen
        (local.set $h (v128.xor (local.get $x) (local.get $s3)))
        (local.set $h (v128.xor (local.get $h) (i32x4.shr_u (local.get $h) (i32.const 16))))
        (local.set $h (i32x4.mul (local.get $h) (local.get $c1)))
        (local.set $h (v128.xor (local.get $h) (i32x4.shr_u (local.get $h) (i32.const 13))))
        (local.set $h (i32x4.mul (local.get $h) (local.get $c2)))
        (local.set $h (v128.xor (local.get $h) (i32x4.shr_u (local.get $h) (i32.const 16))))
        (local.set $m3 (i32x4.min_u (local.get $m3) (local.get $h)))
            (local.set $at (i32.add (local.get $at) (i32.const 4)))
            (br $shingles)))
        (v128.store offset=512 (local.get $group) (local.get $m0))
        (v128.store offset=528 (local.get $group) (local.get $m1))
        (v128.store offset=544 (local.get $group) (local.get $m2))
        (v128.store offset=560 (local.get $group) (local.get $m3))
        (local.set $group (i32.add (local.get $group) (i32.const 64)))
        (br $groups)))))
