;; The dense layer's GEMM for denseForward (src/core/dense-wasm.ts): out[i, j] = Σ_k x[i, k]·W[j, k] + b[j]
;; for a block of n sample rows, W row-major [outputs, inputs], both operands contiguous along k.
;; Assembled by src/core/dense/dense-kernel.build.mjs (wabt) into src/core/dense/dense-kernel-wasm.ts.
;;
;; The caller pads every x and W row with zeros to a multiple of 4 elements (kb bytes, a multiple of
;; 16 for f32 and of 32 for f64), so the k loop has no tail. (Unrolling it by two vectors, with
;; offset=16 loads, measured slower on V8 11.3.) The activation is applied by the caller.
;; f64: f64x2 lanes (lane 0 sums the even k, lane 1 the odd k; the two are added at the end).
;; f32: f32x4 lanes, every product and partial sum a float32 operation ((l0 + l1) + (l2 + l3)).
;; (The horizontal sums are written out in place: V8 11.3 does not inline wasm calls.)
;; k goes in chunks of kc bytes (a multiple of 16) (x rows of a chunk stay in L1, the W panel in L2): the first chunk's
;; sum is added to b, each later chunk's to what out holds. Without chunking (kc >= kb) that is
;; sum + b for every output.
;; The register tile is 4 samples x 2 outputs: 8 vector accumulators, each load used 2 or 4 times.
;; Larger f64 tiles measured slower on V8 11.3 (Node 20, AVX x86-64, single thread, 256 rows):
;; 4x3, 4x4, 3x3, 3x4, 5x2, 6x2, 2x6 ran at 9-13 GFLOP/s where 4x2 and 2x4 ran at 15-19. TurboFan
;; issues all of a loop body's loads first, so accumulators + R + C loaded vectors + 1 product
;; temporary must fit the 15 allocatable xmm registers (xmm15 is scratch): 4x2 needs exactly 15,
;; 3x3 needs 16 and spills an accumulator (a store and reload on its add chain every iteration),
;; 4x4 spills 16 stack accesses per iteration. Same cause as the slower unroll by two above.
(module
  ;; shared, so that a worker thread can run the same kernel on other rows of the same memory
  (import "env" "memory" (memory 1 32768 shared))

  ;; 4 rows (x at xa, rows kb bytes apart) x 2 outputs (W rows at wa and wa + kb), over kl bytes of k;
  ;; out at o (rows ob bytes apart) gets the sums plus the bias at bj, or, when acc, plus what it holds
  (func $t42_64 (param $xa i32) (param $kb i32) (param $kl i32) (param $wa i32) (param $bj i32) (param $o i32) (param $ob i32) (param $acc i32)
    (local $k i32) (local $x1 i32) (local $x2 i32) (local $x3 i32) (local $wb i32)
    (local $a0 v128) (local $a1 v128) (local $a2 v128) (local $a3 v128)
    (local $b0 v128) (local $b1 v128) (local $b2 v128) (local $b3 v128)
    (local $u v128) (local $v v128) (local $p v128)
    (local.set $x1 (i32.add (local.get $xa) (local.get $kb)))
    (local.set $x2 (i32.add (local.get $x1) (local.get $kb)))
    (local.set $x3 (i32.add (local.get $x2) (local.get $kb)))
    (local.set $wb (i32.add (local.get $wa) (local.get $kb)))
    (if (local.get $kl)
      (then
        (loop $l
          (local.set $u (v128.load (i32.add (local.get $wa) (local.get $k))))
          (local.set $v (v128.load (i32.add (local.get $wb) (local.get $k))))
          (local.set $p (v128.load (i32.add (local.get $xa) (local.get $k))))
          (local.set $a0 (f64x2.add (local.get $a0) (f64x2.mul (local.get $p) (local.get $u))))
          (local.set $b0 (f64x2.add (local.get $b0) (f64x2.mul (local.get $p) (local.get $v))))
          (local.set $p (v128.load (i32.add (local.get $x1) (local.get $k))))
          (local.set $a1 (f64x2.add (local.get $a1) (f64x2.mul (local.get $p) (local.get $u))))
          (local.set $b1 (f64x2.add (local.get $b1) (f64x2.mul (local.get $p) (local.get $v))))
          (local.set $p (v128.load (i32.add (local.get $x2) (local.get $k))))
          (local.set $a2 (f64x2.add (local.get $a2) (f64x2.mul (local.get $p) (local.get $u))))
          (local.set $b2 (f64x2.add (local.get $b2) (f64x2.mul (local.get $p) (local.get $v))))
          (local.set $p (v128.load (i32.add (local.get $x3) (local.get $k))))
          (local.set $a3 (f64x2.add (local.get $a3) (f64x2.mul (local.get $p) (local.get $u))))
          (local.set $b3 (f64x2.add (local.get $b3) (f64x2.mul (local.get $p) (local.get $v))))
          (br_if $l (i32.lt_u (local.tee $k (i32.add (local.get $k) (i32.const 16))) (local.get $kl))))))
    (f64.store (local.get $o) (f64.add (f64.add (f64x2.extract_lane 0 (local.get $a0)) (f64x2.extract_lane 1 (local.get $a0)))
      (if (result f64) (local.get $acc) (then (f64.load (local.get $o))) (else (f64.load (local.get $bj))))))
    (f64.store offset=8 (local.get $o) (f64.add (f64.add (f64x2.extract_lane 0 (local.get $b0)) (f64x2.extract_lane 1 (local.get $b0)))
      (if (result f64) (local.get $acc) (then (f64.load offset=8 (local.get $o))) (else (f64.load offset=8 (local.get $bj))))))
    (local.set $o (i32.add (local.get $o) (local.get $ob)))
    (f64.store (local.get $o) (f64.add (f64.add (f64x2.extract_lane 0 (local.get $a1)) (f64x2.extract_lane 1 (local.get $a1)))
      (if (result f64) (local.get $acc) (then (f64.load (local.get $o))) (else (f64.load (local.get $bj))))))
    (f64.store offset=8 (local.get $o) (f64.add (f64.add (f64x2.extract_lane 0 (local.get $b1)) (f64x2.extract_lane 1 (local.get $b1)))
      (if (result f64) (local.get $acc) (then (f64.load offset=8 (local.get $o))) (else (f64.load offset=8 (local.get $bj))))))
    (local.set $o (i32.add (local.get $o) (local.get $ob)))
    (f64.store (local.get $o) (f64.add (f64.add (f64x2.extract_lane 0 (local.get $a2)) (f64x2.extract_lane 1 (local.get $a2)))
      (if (result f64) (local.get $acc) (then (f64.load (local.get $o))) (else (f64.load (local.get $bj))))))
    (f64.store offset=8 (local.get $o) (f64.add (f64.add (f64x2.extract_lane 0 (local.get $b2)) (f64x2.extract_lane 1 (local.get $b2)))
      (if (result f64) (local.get $acc) (then (f64.load offset=8 (local.get $o))) (else (f64.load offset=8 (local.get $bj))))))
    (local.set $o (i32.add (local.get $o) (local.get $ob)))
    (f64.store (local.get $o) (f64.add (f64.add (f64x2.extract_lane 0 (local.get $a3)) (f64x2.extract_lane 1 (local.get $a3)))
      (if (result f64) (local.get $acc) (then (f64.load (local.get $o))) (else (f64.load (local.get $bj))))))
    (f64.store offset=8 (local.get $o) (f64.add (f64.add (f64x2.extract_lane 0 (local.get $b3)) (f64x2.extract_lane 1 (local.get $b3)))
      (if (result f64) (local.get $acc) (then (f64.load offset=8 (local.get $o))) (else (f64.load offset=8 (local.get $bj)))))))

  ;; 1 row x 1 output: the row and output tails
  (func $t11_64 (param $xa i32) (param $kl i32) (param $wa i32) (param $bj i32) (param $o i32) (param $acc i32)
    (local $k i32) (local $a v128)
    (if (local.get $kl)
      (then
        (loop $l
          (local.set $a (f64x2.add (local.get $a)
            (f64x2.mul (v128.load (i32.add (local.get $xa) (local.get $k))) (v128.load (i32.add (local.get $wa) (local.get $k))))))
          (br_if $l (i32.lt_u (local.tee $k (i32.add (local.get $k) (i32.const 16))) (local.get $kl))))))
    (f64.store (local.get $o) (f64.add (f64.add (f64x2.extract_lane 0 (local.get $a)) (f64x2.extract_lane 1 (local.get $a)))
      (if (result f64) (local.get $acc) (then (f64.load (local.get $o))) (else (f64.load (local.get $bj)))))))

  ;; 4 rows (x at xa, rows kb bytes apart) x 2 outputs (W rows at wa and wa + kb), over kl bytes of k;
  ;; out at o (rows ob bytes apart) gets the sums plus the bias at bj, or, when acc, plus what it holds
  (func $t42_32 (param $xa i32) (param $kb i32) (param $kl i32) (param $wa i32) (param $bj i32) (param $o i32) (param $ob i32) (param $acc i32)
    (local $k i32) (local $x1 i32) (local $x2 i32) (local $x3 i32) (local $wb i32)
    (local $a0 v128) (local $a1 v128) (local $a2 v128) (local $a3 v128)
    (local $b0 v128) (local $b1 v128) (local $b2 v128) (local $b3 v128)
    (local $u v128) (local $v v128) (local $p v128)
    (local.set $x1 (i32.add (local.get $xa) (local.get $kb)))
    (local.set $x2 (i32.add (local.get $x1) (local.get $kb)))
    (local.set $x3 (i32.add (local.get $x2) (local.get $kb)))
    (local.set $wb (i32.add (local.get $wa) (local.get $kb)))
    (if (local.get $kl)
      (then
        (loop $l
          (local.set $u (v128.load (i32.add (local.get $wa) (local.get $k))))
          (local.set $v (v128.load (i32.add (local.get $wb) (local.get $k))))
          (local.set $p (v128.load (i32.add (local.get $xa) (local.get $k))))
          (local.set $a0 (f32x4.add (local.get $a0) (f32x4.mul (local.get $p) (local.get $u))))
          (local.set $b0 (f32x4.add (local.get $b0) (f32x4.mul (local.get $p) (local.get $v))))
          (local.set $p (v128.load (i32.add (local.get $x1) (local.get $k))))
          (local.set $a1 (f32x4.add (local.get $a1) (f32x4.mul (local.get $p) (local.get $u))))
          (local.set $b1 (f32x4.add (local.get $b1) (f32x4.mul (local.get $p) (local.get $v))))
          (local.set $p (v128.load (i32.add (local.get $x2) (local.get $k))))
          (local.set $a2 (f32x4.add (local.get $a2) (f32x4.mul (local.get $p) (local.get $u))))
          (local.set $b2 (f32x4.add (local.get $b2) (f32x4.mul (local.get $p) (local.get $v))))
          (local.set $p (v128.load (i32.add (local.get $x3) (local.get $k))))
          (local.set $a3 (f32x4.add (local.get $a3) (f32x4.mul (local.get $p) (local.get $u))))
          (local.set $b3 (f32x4.add (local.get $b3) (f32x4.mul (local.get $p) (local.get $v))))
          (br_if $l (i32.lt_u (local.tee $k (i32.add (local.get $k) (i32.const 16))) (local.get $kl))))))
    (f32.store (local.get $o) (f32.add (f32.add (f32.add (f32x4.extract_lane 0 (local.get $a0)) (f32x4.extract_lane 1 (local.get $a0))) (f32.add (f32x4.extract_lane 2 (local.get $a0)) (f32x4.extract_lane 3 (local.get $a0))))
      (if (result f32) (local.get $acc) (then (f32.load (local.get $o))) (else (f32.load (local.get $bj))))))
    (f32.store offset=4 (local.get $o) (f32.add (f32.add (f32.add (f32x4.extract_lane 0 (local.get $b0)) (f32x4.extract_lane 1 (local.get $b0))) (f32.add (f32x4.extract_lane 2 (local.get $b0)) (f32x4.extract_lane 3 (local.get $b0))))
      (if (result f32) (local.get $acc) (then (f32.load offset=4 (local.get $o))) (else (f32.load offset=4 (local.get $bj))))))
    (local.set $o (i32.add (local.get $o) (local.get $ob)))
    (f32.store (local.get $o) (f32.add (f32.add (f32.add (f32x4.extract_lane 0 (local.get $a1)) (f32x4.extract_lane 1 (local.get $a1))) (f32.add (f32x4.extract_lane 2 (local.get $a1)) (f32x4.extract_lane 3 (local.get $a1))))
      (if (result f32) (local.get $acc) (then (f32.load (local.get $o))) (else (f32.load (local.get $bj))))))
    (f32.store offset=4 (local.get $o) (f32.add (f32.add (f32.add (f32x4.extract_lane 0 (local.get $b1)) (f32x4.extract_lane 1 (local.get $b1))) (f32.add (f32x4.extract_lane 2 (local.get $b1)) (f32x4.extract_lane 3 (local.get $b1))))
      (if (result f32) (local.get $acc) (then (f32.load offset=4 (local.get $o))) (else (f32.load offset=4 (local.get $bj))))))
    (local.set $o (i32.add (local.get $o) (local.get $ob)))
    (f32.store (local.get $o) (f32.add (f32.add (f32.add (f32x4.extract_lane 0 (local.get $a2)) (f32x4.extract_lane 1 (local.get $a2))) (f32.add (f32x4.extract_lane 2 (local.get $a2)) (f32x4.extract_lane 3 (local.get $a2))))
      (if (result f32) (local.get $acc) (then (f32.load (local.get $o))) (else (f32.load (local.get $bj))))))
    (f32.store offset=4 (local.get $o) (f32.add (f32.add (f32.add (f32x4.extract_lane 0 (local.get $b2)) (f32x4.extract_lane 1 (local.get $b2))) (f32.add (f32x4.extract_lane 2 (local.get $b2)) (f32x4.extract_lane 3 (local.get $b2))))
      (if (result f32) (local.get $acc) (then (f32.load offset=4 (local.get $o))) (else (f32.load offset=4 (local.get $bj))))))
    (local.set $o (i32.add (local.get $o) (local.get $ob)))
    (f32.store (local.get $o) (f32.add (f32.add (f32.add (f32x4.extract_lane 0 (local.get $a3)) (f32x4.extract_lane 1 (local.get $a3))) (f32.add (f32x4.extract_lane 2 (local.get $a3)) (f32x4.extract_lane 3 (local.get $a3))))
      (if (result f32) (local.get $acc) (then (f32.load (local.get $o))) (else (f32.load (local.get $bj))))))
    (f32.store offset=4 (local.get $o) (f32.add (f32.add (f32.add (f32x4.extract_lane 0 (local.get $b3)) (f32x4.extract_lane 1 (local.get $b3))) (f32.add (f32x4.extract_lane 2 (local.get $b3)) (f32x4.extract_lane 3 (local.get $b3))))
      (if (result f32) (local.get $acc) (then (f32.load offset=4 (local.get $o))) (else (f32.load offset=4 (local.get $bj)))))))

  ;; 1 row x 1 output: the row and output tails
  (func $t11_32 (param $xa i32) (param $kl i32) (param $wa i32) (param $bj i32) (param $o i32) (param $acc i32)
    (local $k i32) (local $a v128)
    (if (local.get $kl)
      (then
        (loop $l
          (local.set $a (f32x4.add (local.get $a)
            (f32x4.mul (v128.load (i32.add (local.get $xa) (local.get $k))) (v128.load (i32.add (local.get $wa) (local.get $k))))))
          (br_if $l (i32.lt_u (local.tee $k (i32.add (local.get $k) (i32.const 16))) (local.get $kl))))))
    (f32.store (local.get $o) (f32.add (f32.add (f32.add (f32x4.extract_lane 0 (local.get $a)) (f32x4.extract_lane 1 (local.get $a))) (f32.add (f32x4.extract_lane 2 (local.get $a)) (f32x4.extract_lane 3 (local.get $a))))
      (if (result f32) (local.get $acc) (then (f32.load (local.get $o))) (else (f32.load (local.get $bj)))))))


  ;; out[i, j] for i < n, j < J: k in chunks of kc bytes, outputs in blocks of jblk (that many W rows
  ;; of a chunk stay in cache while the rows go by). x and W rows are kb bytes apart, out rows ob
  ;; bytes; sh is log2 of the element size (3: f64, 2: f32). Addresses are byte offsets into memory.
  (func (export "gemm") (param $x i32) (param $n i32) (param $kb i32) (param $w i32) (param $J i32)
      (param $b i32) (param $out i32) (param $ob i32) (param $jblk i32) (param $sh i32) (param $kc i32)
    (local $jb i32) (local $je i32) (local $i i32) (local $j i32) (local $r i32) (local $xi i32) (local $oi i32)
    (local $f32 i32) (local $k0 i32) (local $kl i32) (local $acc i32)
    (local.set $f32 (i32.eq (local.get $sh) (i32.const 2)))
    (loop $kloop
      (local.set $kl (i32.sub (local.get $kb) (local.get $k0)))
      (if (i32.gt_u (local.get $kl) (local.get $kc)) (then (local.set $kl (local.get $kc))))
      (local.set $acc (i32.ne (local.get $k0) (i32.const 0)))
      (local.set $jb (i32.const 0))
      (block $jdone
        (loop $jl
          (br_if $jdone (i32.ge_u (local.get $jb) (local.get $J)))
          (local.set $je (i32.add (local.get $jb) (local.get $jblk)))
          (if (i32.gt_u (local.get $je) (local.get $J)) (then (local.set $je (local.get $J))))
          (local.set $i (i32.const 0))
          ;; 4 rows at a time
          (block $idone
            (loop $il
              (br_if $idone (i32.gt_u (i32.add (local.get $i) (i32.const 4)) (local.get $n)))
              (local.set $xi (i32.add (i32.add (local.get $x) (i32.mul (local.get $i) (local.get $kb))) (local.get $k0)))
              (local.set $oi (i32.add (local.get $out) (i32.mul (local.get $i) (local.get $ob))))
              (local.set $j (local.get $jb))
              (block $tdone
                (loop $tl
                  (br_if $tdone (i32.gt_u (i32.add (local.get $j) (i32.const 2)) (local.get $je)))
                  (if (local.get $f32)
                    (then (call $t42_32 (local.get $xi) (local.get $kb) (local.get $kl)
                      (i32.add (i32.add (local.get $w) (i32.mul (local.get $j) (local.get $kb))) (local.get $k0))
                      (i32.add (local.get $b) (i32.shl (local.get $j) (local.get $sh)))
                      (i32.add (local.get $oi) (i32.shl (local.get $j) (local.get $sh))) (local.get $ob) (local.get $acc)))
                    (else (call $t42_64 (local.get $xi) (local.get $kb) (local.get $kl)
                      (i32.add (i32.add (local.get $w) (i32.mul (local.get $j) (local.get $kb))) (local.get $k0))
                      (i32.add (local.get $b) (i32.shl (local.get $j) (local.get $sh)))
                      (i32.add (local.get $oi) (i32.shl (local.get $j) (local.get $sh))) (local.get $ob) (local.get $acc))))
                  (local.set $j (i32.add (local.get $j) (i32.const 2)))
                  (br $tl)))
              ;; an odd output left: one at a time for the 4 rows
              (if (i32.lt_u (local.get $j) (local.get $je))
                (then
                  (local.set $r (i32.const 0))
                  (loop $rl
                    (call $t11 (local.get $f32)
                      (i32.add (local.get $xi) (i32.mul (local.get $r) (local.get $kb))) (local.get $kl)
                      (i32.add (i32.add (local.get $w) (i32.mul (local.get $j) (local.get $kb))) (local.get $k0))
                      (i32.add (local.get $b) (i32.shl (local.get $j) (local.get $sh)))
                      (i32.add (i32.add (local.get $oi) (i32.mul (local.get $r) (local.get $ob))) (i32.shl (local.get $j) (local.get $sh)))
                      (local.get $acc))
                    (br_if $rl (i32.lt_u (local.tee $r (i32.add (local.get $r) (i32.const 1))) (i32.const 4))))))
              (local.set $i (i32.add (local.get $i) (i32.const 4)))
              (br $il)))
          ;; the last rows, one at a time
          (block $rdone
            (loop $rl2
              (br_if $rdone (i32.ge_u (local.get $i) (local.get $n)))
              (local.set $j (local.get $jb))
              (block $odone
                (loop $ol
                  (br_if $odone (i32.ge_u (local.get $j) (local.get $je)))
                  (call $t11 (local.get $f32)
                    (i32.add (i32.add (local.get $x) (i32.mul (local.get $i) (local.get $kb))) (local.get $k0)) (local.get $kl)
                    (i32.add (i32.add (local.get $w) (i32.mul (local.get $j) (local.get $kb))) (local.get $k0))
                    (i32.add (local.get $b) (i32.shl (local.get $j) (local.get $sh)))
                    (i32.add (i32.add (local.get $out) (i32.mul (local.get $i) (local.get $ob))) (i32.shl (local.get $j) (local.get $sh)))
                    (local.get $acc))
                  (local.set $j (i32.add (local.get $j) (i32.const 1)))
                  (br $ol)))
              (local.set $i (i32.add (local.get $i) (i32.const 1)))
              (br $rl2)))
          (local.set $jb (local.get $je))
          (br $jl)))
      (br_if $kloop (i32.lt_u (local.tee $k0 (i32.add (local.get $k0) (local.get $kl))) (local.get $kb)))))

  (func $t11 (param $f32 i32) (param $xa i32) (param $kl i32) (param $wa i32) (param $bj i32) (param $o i32) (param $acc i32)
    (if (local.get $f32)
      (then (call $t11_32 (local.get $xa) (local.get $kl) (local.get $wa) (local.get $bj) (local.get $o) (local.get $acc)))
      (else (call $t11_64 (local.get $xa) (local.get $kl) (local.get $wa) (local.get $bj) (local.get $o) (local.get $acc)))))

  ;; ReLU in place over the bytes [p, e) (e - p a multiple of 16): v < 0 ? 0 : v per lane, which is
  ;; what pmax(v, 0) computes (it keeps NaN and -0 as relu(x) = x < 0 ? 0 : x does in JS).
  (func (export "relu") (param $f32 i32) (param $p i32) (param $e i32)
    (if (i32.lt_u (local.get $p) (local.get $e))
      (then
        (if (local.get $f32)
          (then
            (loop $l
              (v128.store (local.get $p) (f32x4.pmax (v128.load (local.get $p)) (v128.const i64x2 0 0)))
              (br_if $l (i32.lt_u (local.tee $p (i32.add (local.get $p) (i32.const 16))) (local.get $e)))))
          (else
            (loop $l
              (v128.store (local.get $p) (f64x2.pmax (v128.load (local.get $p)) (v128.const i64x2 0 0)))
              (br_if $l (i32.lt_u (local.tee $p (i32.add (local.get $p) (i32.const 16))) (local.get $e))))))))))
